import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { PaperList } from "@/components/papers/paper-list";
import { SubscribeBanner } from "@/components/subscriptions/subscribe-banner";
import { pageMetadata } from "@/lib/page-metadata";
import { feedAlternates } from "@/lib/feeds";
import { loadTrending } from "@/server/papers";

type Props = { params: Promise<{ name: string }> };

export function generateMetadata(): Metadata {
  return pageMetadata(
    {
      title: "Trending papers",
      description:
        "The machine learning papers with the most momentum: ranked by recent upvotes, a vote counting half as much every three days.",
      path: "/papers/trending",
    },
    { alternates: { types: feedAlternates({ kind: "trending" }, "Trending papers · Daily Papers") } },
  );
}

// Served at /papers/trending through a rewrite: as a dynamic route it is rendered on first request
// and cached (ISR), never at build time, when there is no database to read.
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

export default async function TrendingPage({ params }: Props) {
  if ((await params).name !== "trending") notFound();
  const papers = await loadTrending({ limit: 50 });
  return (
    <>
      <p className="text-sm font-medium text-brand-700 dark:text-brand-500">Trending</p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Papers with momentum</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        Ranked by recent upvotes: a vote counts half as much every three days.
      </p>
      <SubscribeBanner />
      <div className="mt-6">
        {papers.length > 0 ? (
          <PaperList papers={papers} label="Trending papers" />
        ) : (
          <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
            Nothing is trending yet.{" "}
            <Link href="/" className="font-medium underline">
              See the latest papers
            </Link>
            .
          </p>
        )}
      </div>
    </>
  );
}
