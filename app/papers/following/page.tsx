import type { Metadata } from "next";
import Link from "next/link";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { Pager } from "@/components/layout/pager";
import { PapersByDay } from "@/components/papers/papers-by-day";
import { topicLabel, topicPath } from "@/lib/follows";
import { ApiError } from "@/lib/errors";
import { pageMetadata } from "@/lib/page-metadata";
import { clientIp } from "@/lib/request";
import { auth } from "@/server/auth";
import { loadFollowingPage, MAX_FOLLOWING_PAGE } from "@/server/topics";

export function generateMetadata(): Metadata {
  return pageMetadata({
    title: "Following",
    description: "The papers on the topics I follow (searches, authors, organizations, arXiv categories), newest listing day first.",
    path: "/papers/following",
    noindex: true,
  });
}

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const EXAMPLES = [
  { href: "/papers?q=%22KV+cache%22+OR+quantization", label: "a search, like “KV cache” OR quantization" },
  { href: "/papers/category/cs.CL", label: "an arXiv category, like cs.CL" },
];

export default async function FollowingPage({ searchParams }: Props) {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect(`/signin?callbackUrl=${encodeURIComponent("/papers/following")}`);
  const raw = (await searchParams).p;
  const p = typeof raw === "string" && /^\d{1,2}$/.test(raw) ? Math.min(Number(raw), MAX_FOLLOWING_PAGE) : 0;
  const feed = await loadFollowingPage({ userId, page: p, client: clientIp(await headers()) }).catch((error: unknown) => {
    if (error instanceof ApiError && error.status === 429) return error;
    throw error;
  });
  if (feed instanceof ApiError) {
    return (
      <section aria-label="Too many searches" className="rounded-xl border border-dashed border-gray-300 p-8 dark:border-gray-700">
        <h1 className="text-lg font-semibold">Too many searches from your address</h1>
        <p className="mt-2">{feed.message} Your topics are searched again when you reload this page in a minute.</p>
      </section>
    );
  }

  return (
    <>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <p className="text-sm font-medium text-brand-700 dark:text-brand-500">Following</p>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Papers on my topics</h1>
          {feed.follows.length > 0 && (
            <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
              {feed.follows.length === 1 ? "One topic" : `${feed.follows.length} topics`}, newest listing day first.{" "}
              <Link href="/settings/topics" className="font-medium underline">
                Manage topics
              </Link>
            </p>
          )}
        </div>
      </div>
      <div className="mt-6">
        {feed.follows.length === 0 ? (
          <section aria-label="No topics yet" className="rounded-xl border border-dashed border-gray-300 p-8 dark:border-gray-700">
            <p className="text-lg font-semibold">You follow no topics yet.</p>
            <p className="mt-2">
              Follow a search from its results (“Follow this search”), or an author, an organization or a category from a paper’s page.
              Their papers then gather here, and in your email digest. For example:
            </p>
            <ul className="mt-2 list-disc pl-6">
              {EXAMPLES.map((e) => (
                <li key={e.href}>
                  <Link href={e.href} className="font-medium text-brand-700 underline dark:text-brand-500">
                    {e.label}
                  </Link>
                </li>
              ))}
            </ul>
          </section>
        ) : feed.items.length === 0 ? (
          <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
            {p > 0
              ? "There are no more papers on your topics."
              : "No papers match your topics yet: new ones will show up here as they are listed."}
          </p>
        ) : (
          <PapersByDay
            papers={feed.items.map((i) => i.paper)}
            label="Papers on my topics"
            note={(paper) => {
              const topics = feed.items.find((i) => i.paper.id === paper.id)?.topics ?? [];
              return (
                <p className="text-gray-700 dark:text-gray-300">
                  <span className="font-medium">Matches </span>
                  {topics.map((t, i) => (
                    <span key={t.id}>
                      {i > 0 && ", "}
                      <Link href={topicPath(t)} className="text-brand-700 underline dark:text-brand-500">
                        {topicLabel(
                          t,
                          t.kind === "organization" && paper.organization?.name === t.value ? paper.organization.fullname : null,
                        )}
                      </Link>
                    </span>
                  ))}
                </p>
              );
            }}
          />
        )}
      </div>
      <Pager path="/papers/following" page={p} hasMore={feed.hasMore && p < MAX_FOLLOWING_PAGE} label="Pages of papers" />
    </>
  );
}
