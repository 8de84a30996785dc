"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { createContext, useCallback, useContext, useMemo, type ReactNode } from "react";

export interface VotesData {
  signedIn: boolean;
  papers: Record<string, { upvotes: number; upvoted: boolean }>;
}

interface Scope {
  queryKey: readonly unknown[];
  data: VotesData | undefined;
  load: () => Promise<VotesData>;
}

const VoteScopeContext = createContext<Scope | null>(null);

export function votesQueryKey(ids: readonly string[]) {
  return ["votes", [...ids].sort().join(",")] as const;
}

/** Once for a whole page of papers: the page is cached HTML, the same for everyone; this is the personal layer on top. */
export function VoteScope({ ids, children }: { ids: string[]; children: ReactNode }) {
  const queryClient = useQueryClient();
  const queryKey = useMemo(() => votesQueryKey(ids), [ids]);
  const queryFn = useCallback(async (): Promise<VotesData> => {
    const res = await fetch(`/api/me/votes?ids=${encodeURIComponent(ids.join(","))}`, { credentials: "same-origin" });
    if (!res.ok) throw new Error(`votes: ${res.status}`);
    return res.json();
  }, [ids]);
  const { data } = useQuery({ queryKey, queryFn, enabled: ids.length > 0 });
  const scope = useMemo(
    () => ({ queryKey, data, load: () => queryClient.fetchQuery({ queryKey, queryFn }) }),
    [queryClient, queryKey, queryFn, data],
  );
  return <VoteScopeContext.Provider value={scope}>{children}</VoteScopeContext.Provider>;
}

export function useVoteScope(): Scope {
  const scope = useContext(VoteScopeContext);
  if (!scope) throw new Error("UpvoteButton must be inside a VoteScope");
  return scope;
}
