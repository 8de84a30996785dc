import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { cache } from "react";
import { RichAbstract } from "@/components/papers/rich-abstract";
import { FollowButton } from "@/components/follows/follow-button";
import { StarIcon } from "@/components/layout/icons";
import { UpvoteButton } from "@/components/votes/upvote-button";
import { VoteScope } from "@/components/votes/vote-scope";
import { formatShortDay, periodOf, periodPath, periodTitle } from "@/lib/dates";
import { routeParam } from "@/lib/decode";
import { allAuthors, arxivLinks, cardData, countOf, formatCount, githubRepoName, paperDescription, paperPath } from "@/lib/display";
import { topicPath } from "@/lib/follows";
import { pageMetadata, shareImagePath } from "@/lib/page-metadata";
import { loadPaper as readPaper, loadSimilarPapers } from "@/server/papers";

type Props = { params: Promise<{ id: string }> };

export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

const loadPaper = cache(async (rawId: string) => {
  const paper = await readPaper(routeParam(rawId));
  if (!paper) notFound();
  return paper;
});

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const paper = await loadPaper((await params).id);
  return pageMetadata({
    title: paper.title,
    description: paperDescription(paper, 300),
    path: paperPath(paper.id),
    image: { path: shareImagePath.paper(paper.id), alt: paper.title },
    type: "article",
  });
}

const linkClass =
  "inline-flex min-h-11 items-center gap-1.5 rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800";

const chipClass =
  "inline-flex min-h-11 items-center rounded-full bg-gray-100 px-3 text-sm hover:bg-gray-200 dark:bg-gray-800 dark:hover:bg-gray-700";

const AUTHORS_SHOWN = 12;
const AUTHORS_WITH_BUTTONS = 100;

function AuthorItem({ name, button }: { name: string; button: boolean }) {
  return (
    <li className="flex items-center justify-between gap-2 py-1">
      <Link href={topicPath({ kind: "author", value: name })} className="min-w-0 truncate hover:underline">
        {name}
      </Link>
      {button && <FollowButton kind="author" value={name} label={name} />}
    </li>
  );
}

export default async function PaperPage({ params }: Props) {
  const paper = await loadPaper((await params).id);
  const arxiv = arxivLinks(paper.id);
  const day = paper.listedOn ? periodOf("day", paper.listedOn) : null;
  const authors = allAuthors(paper);
  const pdf = paper.pdfUrl ?? arxiv?.pdf ?? null;
  const similar = await loadSimilarPapers(paper.id);

  return (
    <article aria-labelledby="paper-title" className="mx-auto max-w-3xl">
      {day && (
        <Link href={periodPath(day)} className="text-sm font-medium text-brand-700 hover:underline dark:text-brand-500">
          <span aria-hidden="true">← </span>Back to {periodTitle(day)}
        </Link>
      )}
      <div className="mt-3 flex items-start gap-4">
        <VoteScope ids={[paper.id]}>
          <UpvoteButton paperId={paper.id} initialUpvotes={paper.upvotes} size="lg" />
        </VoteScope>
        <h1 id="paper-title" className="min-w-0 text-xl leading-tight font-bold tracking-tight sm:text-3xl">
          {paper.title}
        </h1>
      </div>

      <dl className="mt-5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        {authors && (
          <>
            <dt className="font-medium text-gray-600 dark:text-gray-400">Authors</dt>
            <dd>{authors}</dd>
          </>
        )}
        {paper.organization && (
          <>
            <dt className="font-medium text-gray-600 dark:text-gray-400">Organization</dt>
            <dd>
              <Link href={topicPath({ kind: "organization", value: paper.organization.name })} className="underline">
                {paper.organization.fullname ?? paper.organization.name}
              </Link>
            </dd>
          </>
        )}
        {paper.publishedAt && (
          <>
            <dt className="font-medium text-gray-600 dark:text-gray-400">Published</dt>
            <dd>
              <time dateTime={paper.publishedAt}>{formatShortDay(paper.publishedAt)}</time>
            </dd>
          </>
        )}
        {day && (
          <>
            <dt className="font-medium text-gray-600 dark:text-gray-400">Listed on</dt>
            <dd>
              <Link href={periodPath(day)} className="underline">
                {formatShortDay(day.start)}
              </Link>
            </dd>
          </>
        )}
        {paper.numComments !== null && (
          <>
            <dt className="font-medium text-gray-600 dark:text-gray-400">Comments</dt>
            <dd>{countOf(paper.numComments, "comment")}</dd>
          </>
        )}
      </dl>

      {(arxiv || pdf || paper.githubRepo || paper.projectPage) && (
        <ul aria-label="Links" className="mt-5 flex flex-wrap gap-2">
          {arxiv && (
            <li>
              <a className={linkClass} href={arxiv.abs} rel="noopener noreferrer">
                arXiv page
              </a>
            </li>
          )}
          {pdf && (
            <li>
              <a className={linkClass} href={pdf} rel="noopener noreferrer">
                PDF
              </a>
            </li>
          )}
          {paper.githubRepo && (
            <li>
              <a className={linkClass} href={paper.githubRepo} rel="noopener noreferrer">
                Code: {githubRepoName(paper.githubRepo)}
                {paper.githubStars !== null && (
                  <span className="inline-flex items-center gap-0.5 text-gray-600 dark:text-gray-400">
                    <StarIcon className="h-4 w-4" />
                    {formatCount(paper.githubStars)}
                    <span className="sr-only"> stars</span>
                  </span>
                )}
              </a>
            </li>
          )}
          {paper.projectPage && (
            <li>
              <a className={linkClass} href={paper.projectPage} rel="noopener noreferrer">
                Project page
              </a>
            </li>
          )}
        </ul>
      )}

      {paper.aiSummary && (
        <section aria-labelledby="ai-summary" className="mt-6 rounded-xl bg-brand-50 p-4 dark:bg-gray-900">
          <h2 id="ai-summary" className="text-sm font-semibold">
            AI-generated summary
          </h2>
          <p className="mt-1 text-sm">{paper.aiSummary}</p>
        </section>
      )}

      <section aria-labelledby="abstract" className="mt-6">
        <h2 id="abstract" className="mb-2 text-lg font-semibold">
          Abstract
        </h2>
        {paper.abstract ? (
          <RichAbstract text={paper.abstract} />
        ) : (
          <p className="text-gray-600 dark:text-gray-400">No abstract available.</p>
        )}
      </section>

      {(paper.organization || paper.authors.length > 0) && (
        <section aria-labelledby="follow" className="mt-6 rounded-xl border border-gray-200 p-4 dark:border-gray-800">
          <h2 id="follow" className="text-sm font-semibold">
            Follow
          </h2>
          <p className="text-sm text-gray-600 dark:text-gray-400">Their next papers in your following feed and your email digest.</p>
          {paper.organization && (
            <div className="mt-2 flex items-center justify-between gap-2 border-b border-gray-100 pb-2 dark:border-gray-900">
              <Link
                href={topicPath({ kind: "organization", value: paper.organization.name })}
                className="min-w-0 truncate font-medium hover:underline"
              >
                {paper.organization.fullname ?? paper.organization.name}
              </Link>
              <FollowButton
                kind="organization"
                value={paper.organization.name}
                label={paper.organization.fullname ?? paper.organization.name}
              />
            </div>
          )}
          {paper.authors.length > 0 && (
            <>
              <ul aria-label="Authors" className="mt-1 grid gap-x-6 sm:grid-cols-2">
                {paper.authors.slice(0, AUTHORS_SHOWN).map((name, i) => (
                  <AuthorItem key={`${i}:${name}`} name={name} button />
                ))}
              </ul>
              {paper.authors.length > AUTHORS_SHOWN && (
                <details className="mt-1">
                  <summary className="inline-flex min-h-11 cursor-pointer items-center text-sm font-medium underline">
                    All {paper.authors.length} authors
                  </summary>
                  <ul aria-label="More authors" className="grid gap-x-6 sm:grid-cols-2">
                    {paper.authors.slice(AUTHORS_SHOWN).map((name, i) => (
                      <AuthorItem key={`${AUTHORS_SHOWN + i}:${name}`} name={name} button={AUTHORS_SHOWN + i < AUTHORS_WITH_BUTTONS} />
                    ))}
                  </ul>
                </details>
              )}
            </>
          )}
        </section>
      )}

      {paper.categories && paper.categories.length > 0 && (
        <section aria-labelledby="categories" className="mt-6">
          <h2 id="categories" className="text-sm font-semibold">
            arXiv categories
          </h2>
          <ul className="mt-2 flex flex-wrap gap-3">
            {paper.categories.map((c) => (
              <li key={c} className="flex items-center gap-1">
                <Link href={topicPath({ kind: "category", value: c })} className={chipClass}>
                  {c}
                  {c === paper.primaryCategory && <span className="sr-only"> (primary)</span>}
                </Link>
                <FollowButton kind="category" value={c} label={`the ${c} category`} />
              </li>
            ))}
          </ul>
        </section>
      )}

      {paper.aiKeywords && paper.aiKeywords.length > 0 && (
        <section aria-labelledby="keywords" className="mt-6">
          <h2 id="keywords" className="text-sm font-semibold">
            Keywords
          </h2>
          <ul className="mt-2 flex flex-wrap gap-2">
            {paper.aiKeywords.map((k) => (
              <li key={k}>
                <Link href={`/papers?${new URLSearchParams({ q: `"${k}"` })}`} className={chipClass}>
                  {k}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      )}

      {similar.length > 0 && (
        <section aria-labelledby="similar" className="mt-8 border-t border-gray-200 pt-6 dark:border-gray-800">
          <h2 id="similar" className="text-lg font-semibold">
            Similar papers
          </h2>
          <ul className="mt-2 divide-y divide-gray-100 dark:divide-gray-900">
            {similar.map((p) => {
              const card = cardData(p);
              return (
                <li key={p.id} className="py-2">
                  <Link href={card.path} className="flex min-h-11 flex-col justify-center hover:underline">
                    <span className="font-medium">{card.title}</span>
                    <span className="text-sm text-gray-600 dark:text-gray-400">
                      {[card.organization?.label ?? card.authors, card.published?.label, countOf(card.upvotes, "upvote")]
                        .filter(Boolean)
                        .join(" · ")}
                    </span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      )}
    </article>
  );
}
