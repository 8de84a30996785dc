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

  if (isPending) return <span className="inline-block min-h-11 w-16" aria-hidden="true" />;
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
      <summary className={`${linkClass} cursor-pointer list-none font-medium`} aria-label={`Account: ${who}`}>
        <span className="inline-block max-w-28 truncate align-bottom sm:max-w-40">{who}</span>
      </summary>
      <div className="absolute right-0 z-20 mt-1 w-48 rounded-lg border border-gray-200 bg-white p-1 shadow-lg dark:border-gray-700 dark:bg-gray-900">
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
