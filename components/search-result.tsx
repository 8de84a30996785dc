import Link from "next/link";
import type { SearchItem } from "@/lib/api/search-json";
import { htmlToSegments, type Segment } from "@/lib/search/highlight";
import { formatCount, publishedLabel } from "@/lib/paper-display";
import { CommentIcon } from "./icons";
import { UpvoteButton } from "./upvote-button";

/** Text with the matching words in <mark>; every segment is rendered as text, never as HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((s, i) =>
    s.mark ? (
      <mark key={i} className="rounded-sm bg-brand-100 px-0.5 text-inherit dark:bg-brand-500/25">
        {s.text}
      </mark>
    ) : (
      s.text
    ),
  );
}

function authorsOf(item: SearchItem, shown = 3): string | null {
  const names = item.paper.authors.map((a) => a.name);
  if (names.length > 0) return names.length > shown ? `${names.slice(0, shown).join(", ")} et al.` : names.join(", ");
  const count = item.paper.numAuthors;
  return count ? (count === 1 ? "1 author" : `${count} authors`) : null;
}

/** A search result: a paper card whose title and abstract snippet show the matching words. */
export function SearchResult({ item }: { item: SearchItem }) {
  const { paper, organization } = item;
  const authors = authorsOf(item);
  const published = publishedLabel(paper.publishedAt ? paper.publishedAt.slice(0, 10) : null);
  return (
    <article
      aria-labelledby={`result-${paper.id}`}
      className="flex gap-4 rounded-xl border border-gray-200 bg-white p-4 shadow-xs transition hover:border-gray-300 hover:shadow-sm dark:border-gray-800 dark:bg-gray-900/60 dark:hover:border-gray-700"
    >
      <UpvoteButton paperId={paper.id} initialUpvotes={paper.upvotes} />
      <div className="min-w-0 flex-1">
        <h2 id={`result-${paper.id}`} className="text-base leading-snug font-semibold sm:text-lg">
          <Link href={`/papers/${paper.id}`} className="hover:text-brand-600 hover:underline dark:hover:text-brand-500">
            <Highlighted segments={htmlToSegments(item.highlightedTitle)} />
          </Link>
        </h2>
        {authors && <p className="mt-1 truncate text-sm text-gray-700 dark:text-gray-300">{authors}</p>}
        <p className="mt-2 text-sm leading-relaxed text-gray-700 dark:text-gray-300">
          <Highlighted segments={htmlToSegments(item.highlightedSummary)} />
        </p>
        <p className="mt-2 flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-gray-600 dark:text-gray-400">
          {organization && <span>{organization.fullname ?? organization.name}</span>}
          {published && <span>{published}</span>}
          {typeof item.numComments === "number" && (
            <span className="inline-flex items-center gap-1">
              <CommentIcon className="h-4 w-4" />
              {item.numComments === 1 ? "1 comment" : `${formatCount(item.numComments)} comments`}
            </span>
          )}
        </p>
      </div>
    </article>
  );
}
