import Link from "next/link";

/** The promise at the top of every listing, the same for every visitor: it leads to /subscribe. */
export function SubscribeBanner() {
  return (
    <aside aria-label="Email digest" className="mt-4 flex flex-wrap items-center justify-between gap-2 rounded-lg border border-gray-200 bg-gray-50 px-3 py-2 text-sm dark:border-gray-800 dark:bg-gray-900">
      <p>
        <span aria-hidden="true">✉️ </span>Get trending papers in your email inbox, daily or weekly, with the topics you follow.
      </p>
      <Link
        href="/subscribe"
        className="inline-flex min-h-11 items-center rounded-md bg-gray-900 px-3 font-medium text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300"
      >
        Subscribe
      </Link>
    </aside>
  );
}
