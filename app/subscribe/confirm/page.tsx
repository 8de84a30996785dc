import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { confirmationState } from "@/server/subscriptions";

export const metadata: Metadata = { title: "Confirm your subscription", robots: { index: false } };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const primary =
  "inline-flex min-h-11 items-center rounded-md bg-gray-900 px-4 text-sm font-medium text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300";

/** A GET only shows the button: mail scanners open links and must not confirm an address; the POST confirms (proxy.ts). */
export default async function ConfirmPage({ searchParams }: Props) {
  const token = (await searchParams).token;
  const state = await confirmationState(token);
  if (state.kind === "invalid" || state.kind === "gone") notFound();
  const { email, confirmFrequency } = state.subscription;
  // The link sets the frequency it was asked with; once followed, the row holds it.
  const frequency = (state.kind === "ready" && confirmFrequency) || state.subscription.frequency;
  return (
    <div className="mx-auto max-w-xl">
      {state.kind === "ready" && (
        <>
          <h1 className="text-2xl font-bold tracking-tight">Confirm your subscription</h1>
          <p className="mt-2">
            Send the {frequency} digest of Daily Papers to <strong>{email}</strong>?
          </p>
          <form method="post" action={`/subscribe/confirm?${new URLSearchParams({ token: String(token) })}`} className="mt-4">
            <button type="submit" className={primary}>
              Confirm my subscription
            </button>
          </form>
        </>
      )}
      {state.kind === "done" && (
        <>
          <h1 className="text-2xl font-bold tracking-tight">You are subscribed</h1>
          <p role="status" className="mt-2">
            The {frequency} digest goes to <strong>{email}</strong>, starting with the next one. Each has a link to unsubscribe.
          </p>
          <p className="mt-4">
            <Link href="/" className="font-medium underline">
              See today’s papers
            </Link>
          </p>
        </>
      )}
      {state.kind === "expired" && (
        <>
          <h1 className="text-2xl font-bold tracking-tight">This link has expired</h1>
          <p className="mt-2">Confirmation links work once, for 48 hours. Subscribe again to get a new one.</p>
          <p className="mt-4">
            <Link href="/subscribe" className="font-medium underline">
              Subscribe
            </Link>
          </p>
        </>
      )}
    </div>
  );
}
