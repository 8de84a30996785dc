import type { Metadata } from "next";
import { pageMetadata, pagePath } from "@/lib/page-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import type { PaperWithOrg } from "@/db/queries/papers";
import { formatShortDay } from "@/lib/dates";
import { cardData, countOf } from "@/lib/display";
import { feedAlternates } from "@/lib/feeds";
import { topicLabel, topicPath, type FollowKind } from "@/lib/follows";
import { loadTopicPage, MAX_TOPIC_PAGE, resolveTopic, type Topic } from "@/server/topics";
import { FollowButton } from "./follow-button";
import { PaperCard } from "./paper-card";
import { VoteScope } from "./vote-scope";

type ListingKind = Exclude<FollowKind, "query">;

const EYEBROW: Record<ListingKind, string> = { organization: "Organization", author: "Author", category: "arXiv category" };

function heading(topic: Topic): string {
  const name = topicLabel(topic, topic.organization?.fullname);
  if (topic.kind === "author") return `Papers by ${name}`;
  if (topic.kind === "organization") return `Papers from ${name}`;
  return `Papers in ${name}`;
}


/** Papers grouped under their listing day, newest day first, each card with an optional note. */
export function PapersByDay({ papers, label, note }: { papers: PaperWithOrg[]; label: string; note?: (paper: PaperWithOrg) => ReactNode }) {
  const days: { day: string | null; papers: PaperWithOrg[] }[] = [];
  for (const paper of papers) {
    const last = days.at(-1);
    if (last && last.day === paper.listedOn) last.papers.push(paper);
    else days.push({ day: paper.listedOn, papers: [paper] });
  }
  return (
    <VoteScope ids={papers.map((p) => p.id)}>
      <div aria-label={label} role="region" className="flex flex-col gap-6">
        {days.map(({ day, papers: ofDay }) => (
          <section key={day ?? "none"} aria-label={day ? `Listed ${formatShortDay(day)}` : "Not listed"}>
            <h2 className="mb-2 text-sm font-semibold text-gray-700 dark:text-gray-300">{day ? <time dateTime={day}>{formatShortDay(day)}</time> : "Not listed"}</h2>
            <ul className="flex flex-col gap-3">
              {ofDay.map((paper) => (
                <li key={paper.id}>
                  <PaperCard card={cardData(paper)} note={note?.(paper)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </VoteScope>
  );
}

const stepClass =
  "inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800";

/** Previous and next page links, or nothing when there is one page. */
export function Pager({
  path,
  page,
  hasMore,
  label,
  steps = { previous: "Newer papers", next: "Older papers" },
}: {
  path: string;
  page: number;
  hasMore: boolean;
  label: string;
  steps?: { previous: string; next: string };
}) {
  if (page === 0 && !hasMore) return null;
  return (
    <nav aria-label={label} className="mt-6 flex items-center justify-between">
      {page > 0 ? (
        <Link href={pagePath(path, page - 1)} rel="prev" className={stepClass}>
          ← {steps.previous}
        </Link>
      ) : (
        <span />
      )}
      {hasMore && (
        <Link href={pagePath(path, page + 1)} rel="next" className={stepClass}>
          {steps.next} →
        </Link>
      )}
    </nav>
  );
}

function pageNumber(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,3}$/.test(raw) || Number(raw) > MAX_TOPIC_PAGE) notFound();
  return Number(raw);
}

type Props = { params: Promise<{ name: string; p?: string }> };

/**
 * The metadata and page of a topic listing: `/papers/org/{name}`, `/papers/author/{name}`,
 * `/papers/category/{category}`, and their pages `?p=N` (next.config.ts rewrites those to a
 * `/page/N` route, so that every page is a cacheable path of its own).
 */
export function topicRoute(kind: ListingKind) {
  return {
    async generateMetadata({ params }: Props): Promise<Metadata> {
      const { name, p } = await params;
      const topic = await resolveTopic(kind, name);
      const page = pageNumber(p);
      return pageMetadata({
        title: `${heading(topic)}${page > 0 ? ` (page ${page + 1})` : ""}`,
        description: `The ${topic.kind === "category" ? `${topic.value} ` : ""}papers on Daily Papers${topic.kind === "category" ? "" : ` ${topic.kind === "author" ? "by" : "from"} ${topicLabel(topic, topic.organization?.fullname)}`}, newest first.`,
        path: pagePath(topicPath(topic), page),
      }, { alternates: { types: feedAlternates({ kind, value: topic.value }, heading(topic)) } });
    },
    async Page({ params }: Props) {
      const { name, p } = await params;
      const topic = await resolveTopic(kind, name);
      const listing = await loadTopicPage(topic, pageNumber(p));
      const path = topicPath(topic);
      const label = topicLabel(topic, topic.organization?.fullname);
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
                <h1 className="text-2xl font-bold tracking-tight break-words sm:text-3xl">{heading(topic)}</h1>
                <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
                  {listing.total.count > 0 ? `${count}, newest listing day first.` : ""}
                </p>
              </div>
            </div>
            <FollowButton kind={topic.kind} value={topic.value} label={label} />
          </div>
          <div className="mt-6">
            {listing.papers.length > 0 ? (
              <PapersByDay papers={listing.papers} label={heading(topic)} />
            ) : listing.page > 0 ? (
              <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
                There are no more papers. <Link href={path} className="font-medium underline">Back to the newest</Link>.
              </p>
            ) : (
              <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
                No papers by {label} are listed here yet. Follow {label} to find their next papers in your following feed and your
                email digest.
              </p>
            )}
          </div>
          <Pager path={path} page={listing.page} hasMore={listing.hasMore} label="Pages of papers" />
        </>
      );
    },
  };
}
