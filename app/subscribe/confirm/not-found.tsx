import Link from "next/link";

/** A confirmation link that is not ours (altered, cut short) or whose subscription is gone: a 404 that says so. */
export default function InvalidConfirmationLink() {
  return (
    <div className="mx-auto max-w-xl">
      <h1 className="text-2xl font-bold tracking-tight">This confirmation link is not valid</h1>
      <p className="mt-2">
        It was changed or cut short, or its subscription no longer exists, so nothing was confirmed. Subscribe again to get a new link.
      </p>
      <p className="mt-4">
        <Link href="/subscribe" className="font-medium underline">
          Subscribe
        </Link>
      </p>
    </div>
  );
}
