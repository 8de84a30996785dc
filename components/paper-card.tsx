import Link from "next/link";
import { countOf, publishedLabel, type PaperCardData } from "@/lib/display";
import type { Segment } from "@/lib/search/highlight";
import { Highlighted } from "./highlighted";
import { CommentIcon } from "./icons";
import { UpvoteButton } from "./upvote-button";

/**
 * A paper in a list (a day, trending, my upvotes, search results). On search results, `title`
 * and `snippet` carry the matching words marked.
 */
export function PaperCard({ card, rank, title, snippet }: { card: PaperCardData; rank?: number; title?: Segment[]; snippet?: Segment[] }) {
  const published = publishedLabel(card.published?.day ?? null);
  const org = card.organization;
  return (
    <article
      aria-labelledby={`paper-${card.id}`}
      className="flex gap-4 rounded-xl border border-gray-200 bg-white p-4 shadow-xs transition hover:border-gray-300 hover:shadow-sm dark:border-gray-800 dark:bg-gray-900/60 dark:hover:border-gray-700"
    >
      <UpvoteButton paperId={card.id} initialUpvotes={card.upvotes} />
      <div className="min-w-0 flex-1">
        <h2 id={`paper-${card.id}`} className="text-base leading-snug font-semibold sm:text-lg">
          {rank !== undefined && <span className="sr-only">{`Rank ${rank}: `}</span>}
          <Link href={card.path} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
            {title ? <Highlighted segments={title} /> : card.title}
          </Link>
        </h2>
        {card.authors && <p className="mt-1 truncate text-sm text-gray-700 dark:text-gray-300">{card.authors}</p>}
        {snippet && (
          <p className="mt-2 text-sm leading-relaxed text-gray-700 dark:text-gray-300">
            <Highlighted segments={snippet} />
          </p>
        )}
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-600 dark:text-gray-400">
          {org && (
            <span className="inline-flex items-center gap-1.5">
              {org.avatar && (
                // eslint-disable-next-line @next/next/no-img-element -- avatars come from any host
                <img src={org.avatar} alt="" width={16} height={16} className="h-4 w-4 rounded-sm" loading="lazy" />
              )}
              <span>{org.label}</span>
            </span>
          )}
          {published && <span>{published}</span>}
          {card.comments !== null && (
            <span className="inline-flex items-center gap-1">
              <CommentIcon className="h-4 w-4" />
              {countOf(card.comments, "comment")}
            </span>
          )}
        </p>
      </div>
      {card.thumbnail && (
        // eslint-disable-next-line @next/next/no-img-element -- thumbnails come from the source's CDN
        <img
          src={card.thumbnail}
          alt=""
          width={160}
          height={90}
          loading="lazy"
          className="hidden h-[90px] w-40 shrink-0 rounded-lg border border-gray-200 object-cover sm:block dark:border-gray-800"
        />
      )}
    </article>
  );
}
