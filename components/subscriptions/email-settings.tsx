"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import type { DigestFrequency } from "@/lib/digest";
import { FrequencyChoice, SUBSCRIPTION_KEY, subscriptionRequest, useSubscription, type SubscriptionJson } from "./subscribe-form";

const button =
  "inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 disabled:opacity-60 dark:border-gray-700 dark:hover:bg-gray-800";

const STATUS: Record<SubscriptionJson["status"], string> = {
  active: "Subscribed",
  paused: "Paused: nothing is sent until you resume",
  pending: "Waiting for you to confirm the address (see the confirmation email)",
  unsubscribed: "Unsubscribed: nothing is sent",
};

export function EmailSettings() {
  const ids = useId();
  const queryClient = useQueryClient();
  const { subscription } = useSubscription();
  const [notice, setNotice] = useState<string | null>(null);
  const change = useMutation({
    mutationFn: (body: { frequency?: DigestFrequency; status?: "active" | "paused" | "unsubscribed" }) =>
      subscriptionRequest({ method: "PATCH", body: JSON.stringify(body) }),
    onMutate: (body) => {
      const previous = queryClient.getQueryData<SubscriptionJson | null>(SUBSCRIPTION_KEY);
      if (previous) queryClient.setQueryData<SubscriptionJson>(SUBSCRIPTION_KEY, { ...previous, ...body });
      return { previous };
    },
    onError: (_error, _body, context) => queryClient.setQueryData(SUBSCRIPTION_KEY, context?.previous),
    onSuccess: (result) => queryClient.setQueryData(SUBSCRIPTION_KEY, result.subscription),
  });
  const subscribe = useMutation({
    mutationFn: (frequency: DigestFrequency) => subscriptionRequest({ method: "POST", body: JSON.stringify({ frequency }) }),
    // An address that unsubscribed comes back only through the link mailed to it: until then it
    // stays as it is, and the answer says a link is on its way.
    onSuccess: (result) => {
      if (result.subscription.status === "active") queryClient.setQueryData(SUBSCRIPTION_KEY, result.subscription);
      else setNotice(result.message ?? "Check your inbox for the confirmation email.");
    },
  });

  if (subscription.isPending) return <p className="text-sm text-gray-600 dark:text-gray-400">Loading…</p>;
  const current = subscription.data;
  const error = change.error ?? subscribe.error;
  const busy = change.isPending || subscribe.isPending;

  return (
    <div className="flex max-w-lg flex-col gap-5">
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error.message}
        </p>
      )}
      {notice && <p role="status">{notice}</p>}
      {!current || current.status === "unsubscribed" ? (
        <>
          <p role="status">
            {current ? `${STATUS.unsubscribed}. ` : "You are not subscribed. "}Get the top papers, and your topics, by email:
          </p>
          <div className="flex flex-wrap gap-2">
            <button type="button" disabled={busy} className={button} onClick={() => subscribe.mutate("daily")}>
              Subscribe daily
            </button>
            <button type="button" disabled={busy} className={button} onClick={() => subscribe.mutate("weekly")}>
              Subscribe weekly
            </button>
          </div>
        </>
      ) : (
        <>
          <p role="status">
            <strong>{STATUS[current.status]}</strong>, to {current.email}.
          </p>
          <FrequencyChoice value={current.frequency} onChange={(frequency) => change.mutate({ frequency })} name={`${ids}-frequency`} />
          <div className="flex flex-wrap gap-2">
            {current.status === "active" && (
              <button type="button" disabled={busy} className={button} onClick={() => change.mutate({ status: "paused" })}>
                Pause
              </button>
            )}
            {current.status === "paused" && (
              <button type="button" disabled={busy} className={button} onClick={() => change.mutate({ status: "active" })}>
                Resume
              </button>
            )}
            <button type="button" disabled={busy} className={button} onClick={() => change.mutate({ status: "unsubscribed" })}>
              Unsubscribe
            </button>
          </div>
        </>
      )}
    </div>
  );
}
