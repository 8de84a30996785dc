"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { signOutAction } from "@/server/auth-actions";
import { useSession } from "./use-session";

/** Loaded in the browser, so the pages around it stay the same for every visitor. */
export function AccountMenu() {
  const pathname = usePathname();
  const { data: session, isPending } = useSession();
  const linkClass = "inline-flex min-h-11 items-center rounded-md px-3 hover:bg-gray-100 dark:hover:bg-gray-800";

  if (isPending) return <span className="inline-block min-h-11 w-11 sm:w-16" aria-hidden="true" />;
  if (!session?.user) {
    const back = pathname.startsWith("/signin") ? "/" : pathname;
    return (
      <Link href={`/signin?callbackUrl=${encodeURIComponent(back)}`} className={`${linkClass} font-medium`}>
        Sign in
      </Link>
    );
  }
  const who = session.user.name || session.user.email || "Account";
  return (
    <details className="relative">
      <summary
        className={`${linkClass} cursor-pointer list-none font-medium max-sm:w-11 max-sm:justify-center max-sm:px-0`}
        aria-label={`Account: ${who}`}
      >
        {/* A phone's header has room for an initial, not a name: the menu says who it is. */}
        <span
          aria-hidden="true"
          className="inline-flex h-8 w-8 items-center justify-center rounded-full bg-brand-100 text-base text-brand-700 sm:hidden dark:bg-brand-500/20 dark:text-brand-500"
        >
          {Array.from(who)[0]?.toUpperCase()}
        </span>
        <span className="hidden max-w-40 truncate align-bottom sm:inline-block">{who}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-56 rounded-lg border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900">
        <p className="truncate px-3 py-2 text-gray-600 dark:text-gray-400">Signed in as {who}</p>
        <Link href="/settings/papers" className={`flex ${linkClass}`}>
          My upvotes
        </Link>
        <Link href="/settings/topics" className={`flex ${linkClass}`}>
          My topics
        </Link>
        <Link href="/settings/email" className={`flex ${linkClass}`}>
          Email digest
        </Link>
        <form action={signOutAction}>
          <button type="submit" className={`flex w-full text-left ${linkClass}`}>
            Sign out
          </button>
        </form>
      </div>
    </details>
  );
}
