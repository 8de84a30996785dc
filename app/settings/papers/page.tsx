import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PaperList } from "@/components/papers/paper-list";
import { loadUpvotedPapers } from "@/server/papers";
import { auth } from "@/server/auth";

export const metadata: Metadata = { title: "My upvotes", robots: { index: false } };

export default async function MyUpvotesPage() {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect(`/signin?callbackUrl=${encodeURIComponent("/settings/papers")}`);
  const papers = await loadUpvotedPapers({ userId, limit: 200 });

  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My upvotes</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        {session.user?.email ? `Signed in as ${session.user.email}. ` : ""}Newest vote first.
      </p>
      <div className="mt-6">
        {papers.length > 0 ? (
          <PaperList papers={papers} label="Papers I upvoted" />
        ) : (
          <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
            You have not upvoted any paper yet.{" "}
            <Link href="/" className="font-medium underline">
              Browse today’s papers
            </Link>
            .
          </p>
        )}
      </div>
    </>
  );
}
