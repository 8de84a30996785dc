"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatCount } from "@/lib/display";
import { useVoteScope, type VotesData } from "./vote-scope";

class VoteError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function sendVote(paperId: string, upvoted: boolean) {
  const res = await fetch(`/api/papers/${encodeURIComponent(paperId)}/upvote`, {
    method: upvoted ? "POST" : "DELETE",
    credentials: "same-origin",
  });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new VoteError(res.status, body?.error?.message ?? "The vote could not be saved.");
  return body as { upvotes: number; upvoted: boolean };
}

/** Toggles my upvote at once (optimistically) and rolls back, with a message, if the server refuses. */
export function UpvoteButton({ paperId, initialUpvotes, size = "md" }: { paperId: string; initialUpvotes: number; size?: "md" | "lg" }) {
  const { queryKey, data, load } = useVoteScope();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [message, setMessage] = useState<string | null>(null);
  const state = data?.papers[paperId] ?? { upvotes: initialUpvotes, upvoted: false };

  const goSignIn = () => {
    const here = window.location.pathname + window.location.search;
    router.push(`/signin?callbackUrl=${encodeURIComponent(here)}`);
  };

  const setPaper = (old: VotesData | undefined, next: { upvotes: number; upvoted: boolean }): VotesData => ({
    signedIn: old?.signedIn ?? true,
    papers: { ...old?.papers, [paperId]: next },
  });

  // A click before my votes load waits for them, or toggling the placeholder would upvote instead of withdraw.
  // Not useMutation: an observer on every card of a list cost about 5% of a day page's server render.
  const onClick = async () => {
    const votes = data ?? (await load().catch(() => undefined));
    if (votes && !votes.signedIn) return goSignIn();
    const upvoted = !(votes?.papers[paperId] ?? state).upvoted;
    setMessage(null);
    await queryClient.cancelQueries({ queryKey });
    const previous = queryClient.getQueryData<VotesData>(queryKey);
    const current = previous?.papers[paperId] ?? state;
    const upvotes = Math.max(0, current.upvotes + (upvoted === current.upvoted ? 0 : upvoted ? 1 : -1));
    queryClient.setQueryData<VotesData>(queryKey, (old) => setPaper(old, { upvotes, upvoted }));
    try {
      const result = await sendVote(paperId, upvoted);
      queryClient.setQueryData<VotesData>(queryKey, (old) => setPaper(old, result));
    } catch (error) {
      queryClient.setQueryData(queryKey, previous);
      if (error instanceof VoteError && error.status === 401) return goSignIn();
      setMessage(error instanceof VoteError ? error.message : "Network error: your vote was not saved.");
    } finally {
      void queryClient.invalidateQueries({ queryKey });
    }
  };

  return (
    <div className="card-vote">
      <button type="button" onClick={onClick} aria-pressed={state.upvoted} className={size === "lg" ? "vote vote-lg" : "vote"}>
        <span className="sr-only">Upvote, </span>
        <span>{formatCount(state.upvotes)}</span>
      </button>
      {message && (
        <p role="alert" className="absolute top-full left-0 z-10 mt-1 w-48 rounded-md bg-red-700 px-2 py-1 text-xs text-white shadow">
          {message}
        </p>
      )}
    </div>
  );
}
