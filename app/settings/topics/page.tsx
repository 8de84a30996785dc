import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { PrivateFeed } from "@/components/follows/private-feed";
import { TopicsManager } from "@/components/follows/topics-manager";
import { MAX_FOLLOWS } from "@/lib/follows";
import { auth } from "@/server/auth";
import { followedOrganizationNames, followJson, myFollows } from "@/server/follows";

export const metadata: Metadata = { title: "My topics", robots: { index: false } };

export default async function TopicsPage() {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect(`/signin?callbackUrl=${encodeURIComponent("/settings/topics")}`);
  const follows = await myFollows(userId);
  const names = await followedOrganizationNames(follows);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">My topics</h1>
      <p className="mt-1 mb-6 text-sm text-gray-600 dark:text-gray-400">
        Their papers gather on{" "}
        <Link href="/papers/following" className="font-medium underline">
          Following
        </Link>{" "}
        and in your{" "}
        <Link href="/settings/email" className="font-medium underline">
          email digest
        </Link>
        . Up to {MAX_FOLLOWS} topics.
      </p>
      <TopicsManager initial={follows.map(followJson)} organizationNames={names} />
      <section aria-labelledby="private-feed" className="mt-10">
        <h2 id="private-feed" className="text-lg font-semibold">
          Your private feed
        </h2>
        <p className="mt-1 mb-4 text-sm text-gray-600 dark:text-gray-400">
          The newest papers of your topics, in your feed reader. Anyone who has this address can read the feed: keep it to yourself, and
          reset it if it got out.
        </p>
        <PrivateFeed />
      </section>
    </>
  );
}
