import type { Metadata } from "next";
import { SubscribeForm } from "@/components/subscriptions/subscribe-form";

export const metadata: Metadata = {
  title: "Get trending papers in your email inbox",
  description: "The top papers of each day or week by email, with a section for every topic you follow.",
  alternates: { canonical: "/subscribe" },
};

/** The same HTML for everyone (it is cached); whether I am signed in is found out in the browser. */
export default function SubscribePage() {
  return (
    <div className="mx-auto max-w-2xl">
      <p className="text-sm font-medium text-brand-700 dark:text-brand-500">Email digest</p>
      <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">Get trending papers in your email inbox</h1>
      <p className="mt-2 mb-6 text-gray-700 dark:text-gray-300">
        The most upvoted papers of each listing day, or of each week, with their authors, organization and a short abstract. Signed in, your
        digest also has a section for every search, author, organization and category you follow. No paper comes twice, a day with nothing
        new sends nothing, and every digest is one click from gone.
      </p>
      <SubscribeForm />
    </div>
  );
}
