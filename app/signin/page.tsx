import type { Metadata } from "next";
import { oauthProviders } from "@/server/auth";
import { requestSignInLink, signInWithProvider } from "@/server/auth-actions";
import { safeCallbackUrl } from "@/lib/callback-url";
import { emailSignInProblem } from "@/server/email/sign-in";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

const MESSAGES: Record<string, string> = {
  InvalidEmail: "Enter a valid email address.",
  RateLimited: "Too many sign-in emails were requested for this address or network. Wait 15 minutes and try again.",
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  AccessDenied:
    "No sign-in link was sent: this server refused the request. Try again from the site's own address; if it happens again, tell the site's operator.",
};

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const callbackUrl = safeCallbackUrl(params.callbackUrl);
  const errorKey = typeof params.error === "string" ? params.error : null;
  const error = errorKey ? (MESSAGES[errorKey] ?? "Sign-in failed. Please try again.") : null;
  const emailOff = emailSignInProblem();

  return (
    <div className="mx-auto max-w-sm py-8">
      <h1 className="text-2xl font-bold tracking-tight">Sign in</h1>
      <p className="mt-2 text-sm text-gray-700 dark:text-gray-300">Sign in to upvote papers. We email you a link; no password needed.</p>
      {error && (
        <p
          role="alert"
          className="mt-4 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {error}
        </p>
      )}
      {emailOff ? (
        <p className="mt-6 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:border-amber-800 dark:bg-amber-950 dark:text-amber-200">
          {emailOff}
        </p>
      ) : (
        <form action={requestSignInLink} className="mt-6 flex flex-col gap-3">
          <input type="hidden" name="callbackUrl" value={callbackUrl} />
          <label htmlFor="email" className="text-sm font-medium">
            Email address
          </label>
          <input
            id="email"
            name="email"
            type="email"
            required
            autoComplete="email"
            maxLength={254}
            className="rounded-md border border-gray-300 bg-white px-3 py-2 dark:border-gray-700 dark:bg-gray-900"
          />
          <button
            type="submit"
            className="rounded-md bg-gray-900 px-4 py-2 font-medium text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300"
          >
            Email me a sign-in link
          </button>
        </form>
      )}
      {oauthProviders.length > 0 && (
        <div className="mt-6 flex flex-col gap-2 border-t border-gray-200 pt-6 dark:border-gray-800">
          {oauthProviders.map((p) => (
            <form key={p.id} action={signInWithProvider}>
              <input type="hidden" name="provider" value={p.id} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <button
                type="submit"
                className="w-full rounded-md border border-gray-300 px-4 py-2 font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800"
              >
                Continue with {p.name}
              </button>
            </form>
          ))}
        </div>
      )}
    </div>
  );
}
