"use client";

import Link from "next/link";
import { useState } from "react";
import { kindLabel, topicLabel, topicPath, type FollowJson } from "@/lib/follows";
import { useFollowMutation, useFollows } from "./follow-button";

export function TopicsManager({ initial, organizationNames }: { initial: FollowJson[]; organizationNames: Record<string, string> }) {
  const { data } = useFollows(initial);
  const mutation = useFollowMutation();
  const [message, setMessage] = useState<string | null>(null);
  const follows = data ?? [];
  const label = (f: FollowJson) => topicLabel(f, f.kind === "organization" ? organizationNames[f.value] : null);

  if (follows.length === 0) {
    return (
      <p className="rounded-xl border border-dashed border-gray-300 p-8 text-center dark:border-gray-700">
        You follow no topics. Follow a search from its results, or an author, organization or category from a paper’s page.
      </p>
    );
  }
  return (
    <>
      {message && (
        <p
          role="alert"
          className="mb-3 rounded-md border border-red-300 bg-red-50 px-3 py-2 text-sm text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
        >
          {message}
        </p>
      )}
      <ul
        aria-label="My topics"
        className="divide-y divide-gray-200 rounded-xl border border-gray-200 dark:divide-gray-800 dark:border-gray-800"
      >
        {follows.map((follow) => (
          <li key={`${follow.kind}:${follow.value}`} className="flex items-center gap-3 px-3 py-2">
            <span className="w-28 shrink-0 text-xs font-semibold tracking-wide text-gray-600 uppercase dark:text-gray-400">
              {kindLabel(follow.kind)}
            </span>
            <Link href={topicPath(follow)} className="min-w-0 flex-1 truncate font-medium hover:underline">
              {label(follow)}
            </Link>
            <button
              type="button"
              disabled={follow.id === "pending"}
              onClick={() => {
                setMessage(null);
                mutation.mutate({ topic: follow, follow }, { onError: (error) => setMessage(error.message) });
              }}
              aria-label={`Stop following ${label(follow)}`}
              className="inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 disabled:opacity-60 dark:border-gray-700 dark:hover:bg-gray-800"
            >
              Remove
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}
