import Link from "next/link";

/** The promise at the top of every listing, the same for every visitor: it leads to /subscribe. */
export function SubscribeBanner() {
  return (
    <aside aria-label="Email digest" className="banner">
      <p>
        <span aria-hidden="true">✉️ </span>Get trending papers in your email inbox, daily or weekly, with the topics you follow.
      </p>
      <Link href="/subscribe" className="btn-dark shrink-0">
        Subscribe
      </Link>
    </aside>
  );
}
