import type { Metadata } from "next";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Check your email", robots: { index: false } };

export default function CheckEmailPage() {
  return (
    <div className="mx-auto max-w-md py-8">
      <h1 className="text-2xl font-bold tracking-tight">Check your email</h1>
      <p className="mt-3 text-gray-700 dark:text-gray-300">
        If the address is valid, a sign-in link is on its way. It works once and expires in 15 minutes.
      </p>
      {!env.SMTP_URL && (
        <p className="mt-3 rounded-md bg-gray-100 p-3 text-sm dark:bg-gray-900">
          This server has no mail server configured (<code>SMTP_URL</code>), so the link was written to the server log instead, labelled
          “SIGN-IN LINK”.
        </p>
      )}
    </div>
  );
}
