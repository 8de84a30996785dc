"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState } from "react";
import type { DigestFrequency } from "@/lib/digest";
import { useSession } from "@/components/layout/use-session";

export interface SubscriptionJson {
  email: string;
  frequency: DigestFrequency;
  status: "pending" | "active" | "paused" | "unsubscribed";
}

export const SUBSCRIPTION_KEY = ["subscription"] as const;

export async function subscriptionRequest(init: RequestInit): Promise<{ subscription: SubscriptionJson; message?: string }> {
  const res = await fetch("/api/subscriptions", { credentials: "same-origin", headers: { "Content-Type": "application/json" }, ...init });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? "That did not work; please try again.");
  return body;
}

export function useSubscription() {
  const session = useSession();
  const signedIn = Boolean(session.data?.user);
  const subscription = useQuery({
    queryKey: SUBSCRIPTION_KEY,
    enabled: signedIn,
    queryFn: async () =>
      (await fetch("/api/subscriptions", { credentials: "same-origin" }).then((r) => r.json())).subscription as SubscriptionJson | null,
  });
  return { session, signedIn, subscription };
}

const LABELS: Record<DigestFrequency, string> = {
  daily: "Daily: the top papers of each new listing day",
  weekly: "Weekly: the top papers of the past week, once a week",
};

export function FrequencyChoice({
  value,
  onChange,
  name,
}: {
  value: DigestFrequency;
  onChange: (f: DigestFrequency) => void;
  name: string;
}) {
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className="mb-1 text-sm font-medium">How often</legend>
      {(["daily", "weekly"] as const).map((f) => (
        <label key={f} className="flex min-h-11 cursor-pointer items-center gap-2 text-sm">
          <input type="radio" name={name} value={f} checked={value === f} onChange={() => onChange(f)} className="h-4 w-4" />
          {LABELS[f]}
        </label>
      ))}
    </fieldset>
  );
}

const primary =
  "inline-flex min-h-11 items-center justify-center rounded-md bg-gray-900 px-4 text-sm font-medium text-white hover:bg-gray-700 disabled:opacity-60 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300";

/** Signed out, an address gets a confirmation email first; nothing else is sent to it unless that link is followed. */
export function SubscribeForm() {
  const ids = useId();
  const queryClient = useQueryClient();
  const { session, signedIn, subscription } = useSubscription();
  const [frequency, setFrequency] = useState<DigestFrequency>("daily");
  const [email, setEmail] = useState("");
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: (body: { email?: string; frequency: DigestFrequency }) =>
      subscriptionRequest({ method: "POST", body: JSON.stringify(body) }),
    onSuccess: (result) => {
      if (result.subscription.status === "active") {
        queryClient.setQueryData(SUBSCRIPTION_KEY, result.subscription);
        setDone(`Subscribed: the ${result.subscription.frequency} digest goes to ${result.subscription.email}.`);
      } else {
        setDone(result.message ?? "Check your inbox for the confirmation email.");
      }
    },
  });

  if (session.isPending || (signedIn && subscription.isPending))
    return <p className="text-sm text-gray-600 dark:text-gray-400">Loading…</p>;
  const current = subscription.data;
  if (done) {
    return (
      <p
        role="status"
        className="rounded-lg border border-green-300 bg-green-50 px-3 py-2 text-sm text-green-900 dark:border-green-800 dark:bg-green-950 dark:text-green-100"
      >
        {done}{" "}
        {signedIn && (
          <Link href="/settings/email" className="font-medium underline">
            Email settings
          </Link>
        )}
      </p>
    );
  }
  if (current?.status === "active") {
    return (
      <p className="text-sm">
        You get the {current.frequency} digest at {current.email}.{" "}
        <Link href="/settings/email" className="font-medium underline">
          Change it in your email settings
        </Link>
        .
      </p>
    );
  }
  const own = session.data?.user?.email ?? null;
  return (
    <form
      className="flex max-w-lg flex-col gap-4"
      onSubmit={(event) => {
        event.preventDefault();
        mutation.mutate(signedIn && own ? { frequency } : { email: email.trim(), frequency });
      }}
    >
      {signedIn && own ? (
        <p className="text-sm">
          The digest goes to your account’s address, <strong>{own}</strong>, with a section for each topic you follow.
        </p>
      ) : (
        <div className="flex flex-col gap-1">
          <label htmlFor={`${ids}-email`} className="text-sm font-medium">
            Email address
          </label>
          <input
            id={`${ids}-email`}
            type="email"
            name="email"
            required
            maxLength={254}
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            className="h-11 rounded-md border border-gray-300 bg-white px-3 text-base dark:border-gray-700 dark:bg-gray-900"
          />
          <p className="text-xs text-gray-600 dark:text-gray-400">
            We send one confirmation email first; nothing else until you confirm.{" "}
            <Link href="/signin?callbackUrl=%2Fsubscribe" className="underline">
              Sign in
            </Link>{" "}
            to subscribe in one click and get your topics too.
          </p>
        </div>
      )}
      <FrequencyChoice value={frequency} onChange={setFrequency} name={`${ids}-frequency`} />
      {mutation.error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {mutation.error.message}
        </p>
      )}
      <div>
        <button type="submit" disabled={mutation.isPending} className={primary}>
          {mutation.isPending ? "Subscribing…" : "Subscribe"}
        </button>
      </div>
    </form>
  );
}
