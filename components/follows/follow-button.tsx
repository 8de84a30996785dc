"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import type { FollowJson, FollowKind } from "@/lib/follows";
import { useSession } from "@/components/layout/use-session";

type Topic = { kind: FollowKind; value: string };

class FollowError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export const FOLLOWS_KEY = ["follows"] as const;

async function request(path: string, init?: RequestInit): Promise<unknown> {
  const res = await fetch(path, { credentials: "same-origin", ...init, headers: { "Content-Type": "application/json", ...init?.headers } });
  const body = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) throw new FollowError(res.status, body?.error?.message ?? "That did not work; please try again.");
  return body;
}

/** Loaded in the browser, so pages stay the same for all; asked only once signed in, so a visitor's console shows no 401. */
export function useFollows(initialData?: FollowJson[]) {
  const session = useSession();
  const signedIn = Boolean(session.data?.user);
  const follows = useQuery({
    queryKey: FOLLOWS_KEY,
    initialData,
    enabled: signedIn || initialData !== undefined,
    queryFn: async (): Promise<FollowJson[] | null> => {
      try {
        return (await request("/api/follows")) as FollowJson[];
      } catch (error) {
        if (error instanceof FollowError && error.status === 401) return null;
        throw error;
      }
    },
  });
  if (initialData === undefined && !session.isPending && !signedIn) return { ...follows, data: null, isPending: false };
  return { ...follows, isPending: follows.isPending && (signedIn || session.isPending) };
}

const same = (a: Topic, b: Topic) => a.kind === b.kind && a.value === b.value;

/** Keeps the cached list in step at once and rolls back on refusal. */
export function useFollowMutation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async ({ topic, follow }: { topic: Topic; follow: FollowJson | null }) =>
      follow
        ? (await request(`/api/follows/${encodeURIComponent(follow.id)}`, { method: "DELETE" }), null)
        : ((await request("/api/follows", { method: "POST", body: JSON.stringify(topic) })) as FollowJson),
    onMutate: async ({ topic, follow }) => {
      await queryClient.cancelQueries({ queryKey: FOLLOWS_KEY });
      const previous = queryClient.getQueryData<FollowJson[] | null>(FOLLOWS_KEY);
      const optimistic: FollowJson = { id: "pending", createdAt: new Date().toISOString(), ...topic };
      queryClient.setQueryData<FollowJson[] | null>(FOLLOWS_KEY, (old) =>
        follow ? (old ?? []).filter((f) => !same(f, topic)) : [optimistic, ...(old ?? []).filter((f) => !same(f, topic))],
      );
      return { previous };
    },
    onError: (_error, _vars, context) => queryClient.setQueryData(FOLLOWS_KEY, context?.previous),
    onSuccess: (created, { topic }) => {
      if (created)
        queryClient.setQueryData<FollowJson[] | null>(FOLLOWS_KEY, (old) => [created, ...(old ?? []).filter((f) => !same(f, topic))]);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: FOLLOWS_KEY }),
  });
}

/** A follow asked for while signed out, kept in the browser across the sign-in and done on return. */
const PENDING_KEY = "daily-papers:pending-follow";
const PENDING_FOR_MS = 60 * 60 * 1000;

interface PendingFollow extends Topic {
  label: string;
  at: number;
}

function readPending(): PendingFollow | null {
  try {
    const raw = JSON.parse(window.localStorage.getItem(PENDING_KEY) ?? "null") as PendingFollow | null;
    return raw && typeof raw.kind === "string" && typeof raw.value === "string" && Date.now() - raw.at < PENDING_FOR_MS ? raw : null;
  } catch {
    return null;
  }
}

const buttonClass =
  "inline-flex min-h-11 shrink-0 items-center gap-1.5 rounded-md border px-3 text-sm font-medium transition disabled:opacity-60";

export function FollowButton({
  kind,
  value,
  label,
  what,
  className = "",
}: Topic & {
  label: string;
  /** Shown after the verb (`Follow this search`); without it the button says Follow and names the topic to screen readers. */
  what?: string;
  className?: string;
}) {
  const router = useRouter();
  const { data: follows, isPending } = useFollows();
  const mutation = useFollowMutation();
  const [message, setMessage] = useState<string | null>(null);
  const follow = follows?.find((f) => same(f, { kind, value })) ?? null;

  const onClick = () => {
    setMessage(null);
    if (follows === null) {
      const pending: PendingFollow = { kind, value, label, at: Date.now() };
      window.localStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      const here = window.location.pathname + window.location.search;
      router.push(`/signin?callbackUrl=${encodeURIComponent(here)}`);
      return;
    }
    mutation.mutate({ topic: { kind, value }, follow }, { onError: (error) => setMessage(error.message) });
  };

  return (
    <span className={`inline-flex flex-col items-start ${className}`}>
      <button
        type="button"
        onClick={onClick}
        disabled={isPending}
        aria-pressed={follow !== null}
        aria-label={what ? `${follow ? "Following" : "Follow"} ${what}: ${label}` : `${follow ? "Following" : "Follow"} ${label}`}
        className={`${buttonClass} ${
          follow
            ? "border-brand-600 bg-brand-50 text-brand-700 hover:bg-brand-100 dark:border-brand-500 dark:bg-gray-900 dark:text-brand-500"
            : "border-gray-300 hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800"
        }`}
      >
        <span aria-hidden="true">{follow ? "✓" : "+"}</span>
        {follow ? "Following" : "Follow"}
        {what ? ` ${what}` : ""}
      </button>
      {message && (
        <span role="alert" className="mt-1 text-xs text-red-700 dark:text-red-400">
          {message}
        </span>
      )}
    </span>
  );
}

/** Does the follow asked for before signing in; it reads the browser's storage first, so pages without one ask the server nothing. */
export function FollowOnReturn() {
  // Read once: the server has no storage, and nothing renders until the follows load, so hydration matches.
  const [pending] = useState(() => (typeof window === "undefined" ? null : readPending()));
  return pending ? <PendingFollowDone pending={pending} /> : null;
}

function PendingFollowDone({ pending }: { pending: PendingFollow }) {
  const { data: follows } = useFollows();
  const mutation = useFollowMutation();
  const [dismissed, setDismissed] = useState(false);
  const [alreadyFollowed, setAlreadyFollowed] = useState(false);
  const tried = useRef(false);

  useEffect(() => {
    // Still signed out (or not known yet): the follow waits, for an hour at most.
    if (tried.current || !follows) return;
    tried.current = true;
    window.localStorage.removeItem(PENDING_KEY);
    const topic = { kind: pending.kind, value: pending.value };
    if (follows.some((f) => same(f, topic))) queueMicrotask(() => setAlreadyFollowed(true));
    else mutation.mutate({ topic, follow: null });
  }, [follows, mutation, pending]);

  const note = mutation.isSuccess
    ? `You now follow ${pending.label}.`
    : mutation.isError
      ? `${pending.label} was not followed: ${mutation.error.message}`
      : alreadyFollowed
        ? `You follow ${pending.label}.`
        : null;
  if (!note || dismissed) return null;
  return (
    <div
      role="status"
      className="fixed inset-x-4 bottom-4 z-30 mx-auto flex max-w-md items-center justify-between gap-3 rounded-lg bg-gray-900 px-4 py-3 text-sm text-white shadow-lg dark:bg-gray-100 dark:text-gray-900"
    >
      <span>{note}</span>
      <button type="button" onClick={() => setDismissed(true)} className="min-h-11 rounded-md px-2 font-medium underline">
        Dismiss
      </button>
    </div>
  );
}
