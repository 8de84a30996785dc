import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { unsubscribeState } from "@/server/subscriptions";

export const metadata: Metadata = { title: "Unsubscribe", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A GET only shows the button, so link scanners unsubscribe nobody; a POST to the same URL acts (proxy.ts). */
export default async function UnsubscribePage({ searchParams }: Props) {
  const token = (await searchParams).token;
  const state = await unsubscribeState(token);
  if (state.kind !== "ready" && state.kind !== "done") notFound();
  const { email, frequency } = state.subscription;
  return (
    <div className="mx-auto max-w-xl">
      {state.kind === "ready" ? (
        <>
          <h1 className="text-2xl font-bold tracking-tight">Unsubscribe from the digest?</h1>
          <p className="mt-2">
            No more {frequency} digests will be sent to <strong>{email}</strong>.
          </p>
          <form method="post" action={`/unsubscribe?${new URLSearchParams({ token: String(token) })}`} className="mt-4">
            <button
              type="submit"
              className="inline-flex min-h-11 items-center rounded-md bg-gray-900 px-4 text-sm font-medium text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300"
            >
              Unsubscribe
            </button>
          </form>
        </>
      ) : (
        <>
          <h1 className="text-2xl font-bold tracking-tight">You are unsubscribed</h1>
          <p role="status" className="mt-2">
            Nothing more will be sent to <strong>{email}</strong>. Changed your mind?{" "}
            <Link href="/subscribe" className="font-medium underline">
              Subscribe again
            </Link>
            .
          </p>
        </>
      )}
    </div>
  );
}
