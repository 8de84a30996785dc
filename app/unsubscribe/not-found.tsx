import Link from "next/link";

/** An unsubscribe link that is not ours (altered, cut short): a 404 that says so, and changes nothing. */
export default function InvalidUnsubscribeLink() {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold tracking-tight">This unsubscribe link is not valid</h1>
      <p className="mt-2">
        It was changed or cut short, or its subscription no longer exists, so nothing was changed. Use the link at the bottom of the latest
        digest, or sign in and manage the digest in your{" "}
        <Link href="/settings/email" className="font-medium underline">
          email settings
        </Link>
        .
      </p>
    </div>
  );
}
