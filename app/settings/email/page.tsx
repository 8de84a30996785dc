import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { EmailSettings } from "@/components/subscriptions/email-settings";
import { auth } from "@/server/auth";

export const metadata: Metadata = { title: "Email digest", robots: { index: false } };

export default async function EmailSettingsPage() {
  const session = await auth();
  if (!session?.user?.id) redirect(`/signin?callbackUrl=${encodeURIComponent("/settings/email")}`);
  return (
    <>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Email digest</h1>
      <p className="mt-1 mb-6 text-sm text-gray-600 dark:text-gray-400">
        The top papers of the day or the week, and a section for each of{" "}
        <Link href="/settings/topics" className="font-medium underline">
          your topics
        </Link>{" "}
        with its new papers. No paper is sent to you twice.{" "}
        <a href="/settings/email/preview" className="font-medium underline">
          Preview my next digest
        </a>
        .
      </p>
      <EmailSettings />
    </>
  );
}
