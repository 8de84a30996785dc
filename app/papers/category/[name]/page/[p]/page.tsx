import { topicRoute } from "@/components/topic-page";

// `/papers/category/{name}?p=N` is rewritten here (next.config.ts): each page a cacheable path.
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

const route = topicRoute("category");
export const generateMetadata = route.generateMetadata;
export default route.Page;
