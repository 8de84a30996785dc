import { TopicView } from "@/components/papers/topic-view";
import { loadTopicRoute, topicMetadata, type ListingKind } from "@/server/topics";

type Props = { params: Promise<{ name: string; p?: string }> };

/** Topic listings; next.config.ts rewrites `?p=N` to a `/page/N` route, so every page is a cacheable path of its own. */
export function topicRoute(kind: ListingKind) {
  return {
    async generateMetadata({ params }: Props) {
      const { name, p } = await params;
      return topicMetadata(kind, name, p);
    },
    async Page({ params }: Props) {
      const { name, p } = await params;
      return <TopicView kind={kind} listing={await loadTopicRoute(kind, name, p)} />;
    },
  };
}
