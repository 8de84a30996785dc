import Link from "next/link";
import type { PaperWithOrg } from "@/db/queries/papers";
import { authorsLine, formatCount, publishedLabel } from "@/lib/paper-display";
import { CommentIcon } from "./icons";
import { UpvoteButton } from "./upvote-button";

export function PaperCard({ paper, rank }: { paper: PaperWithOrg; rank?: number }) {
  const authors = authorsLine(paper);
  const published = publishedLabel(paper.publishedAt);
  const org = paper.organization;
  return (
    <article
      aria-labelledby={`paper-${paper.id}`}
      className="flex gap-4 rounded-xl border border-gray-200 bg-white p-4 shadow-xs transition hover:border-gray-300 hover:shadow-sm dark:border-gray-800 dark:bg-gray-900/60 dark:hover:border-gray-700"
    >
      <UpvoteButton paperId={paper.id} initialUpvotes={paper.upvotes} />
      <div className="min-w-0 flex-1">
        <h2 id={`paper-${paper.id}`} className="text-base leading-snug font-semibold sm:text-lg">
          {rank !== undefined && <span className="sr-only">{`Rank ${rank}: `}</span>}
          <Link href={`/papers/${paper.id}`} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
            {paper.title}
          </Link>
        </h2>
        {authors && <p className="mt-1 truncate text-sm text-gray-700 dark:text-gray-300">{authors}</p>}
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-600 dark:text-gray-400">
          {org && (
            <span className="inline-flex items-center gap-1.5">
              {org.avatar && (
                // eslint-disable-next-line @next/next/no-img-element -- avatars come from any host
                <img src={org.avatar} alt="" width={16} height={16} className="h-4 w-4 rounded-sm" loading="lazy" />
              )}
              <span>{org.fullname ?? org.name}</span>
            </span>
          )}
          {published && <span>{published}</span>}
          {paper.numComments !== null && (
            <span className="inline-flex items-center gap-1">
              <CommentIcon className="h-4 w-4" />
              {paper.numComments === 1 ? "1 comment" : `${formatCount(paper.numComments)} comments`}
            </span>
          )}
        </p>
      </div>
      {paper.thumbnail && (
        // eslint-disable-next-line @next/next/no-img-element -- thumbnails come from the source's CDN
        <img
          src={paper.thumbnail}
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
