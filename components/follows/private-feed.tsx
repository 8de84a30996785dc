"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";

interface FeedTokenJson {
  url: string;
  formats: { rss: string; atom: string; json: string };
}

const FEED_TOKEN_KEY = ["feed-token"] as const;

async function request(init?: RequestInit): Promise<FeedTokenJson> {
  const res = await fetch("/api/feed-token", { credentials: "same-origin", ...init });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? "That did not work; please try again.");
  return body;
}

const button =
  "inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 disabled:opacity-60 dark:border-gray-700 dark:hover:bg-gray-800";

export function PrivateFeed() {
  const ids = useId();
  const queryClient = useQueryClient();
  const feed = useQuery({ queryKey: FEED_TOKEN_KEY, queryFn: () => request() });
  const [confirming, setConfirming] = useState(false);
  const [copied, setCopied] = useState<string | null>(null);
  const reset = useMutation({
    mutationFn: () => request({ method: "POST" }),
    onSuccess: (data) => {
      queryClient.setQueryData(FEED_TOKEN_KEY, data);
      setConfirming(false);
      setCopied(null);
    },
  });

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Copied.");
    } catch {
      setCopied("Copying was not allowed: select the address and copy it.");
    }
  }

  if (feed.isPending) return <p className="text-sm text-gray-600 dark:text-gray-400">Loading…</p>;
  if (feed.isError) {
    return (
      <p role="alert" className="text-sm text-red-700 dark:text-red-400">
        {feed.error.message}
      </p>
    );
  }
  const { url, formats } = feed.data;
  return (
    <div className="flex max-w-2xl flex-col gap-3">
      <label htmlFor={`${ids}-url`} className="text-sm font-medium">
        Feed address (RSS)
      </label>
      <div className="flex flex-wrap gap-2">
        <input
          id={`${ids}-url`}
          readOnly
          value={url}
          onFocus={(e) => e.currentTarget.select()}
          className="min-h-11 min-w-0 flex-1 rounded-md border border-gray-300 bg-gray-50 px-3 font-mono text-sm dark:border-gray-700 dark:bg-gray-900"
        />
        <button type="button" className={button} onClick={() => copy(url)}>
          Copy
        </button>
      </div>
      {copied && (
        <p role="status" className="text-sm text-gray-600 dark:text-gray-400">
          {copied}
        </p>
      )}
      <p className="text-sm">
        The same feed as{" "}
        <a href={formats.rss} className="font-medium underline">
          RSS
        </a>
        ,{" "}
        <a href={formats.atom} className="font-medium underline">
          Atom
        </a>{" "}
        and{" "}
        <a href={formats.json} className="font-medium underline">
          JSON Feed
        </a>
        .
      </p>
      {reset.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {reset.error.message}
        </p>
      )}
      {confirming ? (
        <div
          role="group"
          aria-label="Confirm the reset"
          className="flex flex-col gap-2 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-800 dark:bg-amber-950"
        >
          <p>The address above will stop working at once: feed readers that use it must be given the new one.</p>
          <div className="flex flex-wrap gap-2">
            <button type="button" className={button} disabled={reset.isPending} onClick={() => reset.mutate()}>
              Reset the address
            </button>
            <button type="button" className={button} disabled={reset.isPending} onClick={() => setConfirming(false)}>
              Cancel
            </button>
          </div>
        </div>
      ) : (
        <div>
          <button type="button" className={button} onClick={() => setConfirming(true)}>
            Reset…
          </button>
        </div>
      )}
    </div>
  );
}
