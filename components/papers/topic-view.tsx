import Link from "next/link";
import { countOf } from "@/lib/display";
import { topicHeading, topicLabel, topicPath } from "@/lib/follows";
import type { ListingKind, TopicPage } from "@/server/topics";
import { FollowButton } from "@/components/follows/follow-button";
import { Pager } from "@/components/layout/pager";
import { PapersByDay } from "./papers-by-day";

const EYEBROW: Record<ListingKind, string> = { organization: "Organization", author: "Author", category: "arXiv category" };

export function TopicView({ kind, listing }: { kind: ListingKind; listing: TopicPage }) {
  const { topic } = listing;
  const path = topicPath(topic);
  const label = topicLabel(topic, topic.organization?.fullname);
  const heading = topicHeading(topic, topic.organization?.fullname);
  const count = listing.total.exact ? countOf(listing.total.count, "paper") : `About ${countOf(listing.total.count, "paper")}`;
  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="flex items-center gap-3">
          {topic.organization?.avatar && (
            // eslint-disable-next-line @next/next/no-img-element -- avatars come from any host
            <img src={topic.organization.avatar} alt="" width={48} height={48} className="h-12 w-12 rounded-lg" />
          )}
          <div>
            <p className="text-sm font-medium text-brand-700 dark:text-brand-500">{EYEBROW[kind]}</p>
            <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{heading}</h1>
            <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
              {listing.total.count > 0 ? `${count}, newest listing day first.` : ""}
            </p>
          </div>
        </div>
        <FollowButton kind={topic.kind} value={topic.value} label={label} />
      </div>
      <div className="mt-6">
        {listing.papers.length > 0 ? (
          <PapersByDay papers={listing.papers} label={heading} />
        ) : listing.page > 0 ? (
          <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
            There are no more papers.{" "}
            <Link href={path} className="font-medium underline">
              Back to the newest
            </Link>
            .
          </p>
        ) : (
          <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
            No papers by {label} are listed here yet. Follow {label} to find their next papers in your following feed and your email digest.
          </p>
        )}
      </div>
      <Pager path={path} page={listing.page} hasMore={listing.hasMore} label="Pages of papers" />
    </>
  );
}
