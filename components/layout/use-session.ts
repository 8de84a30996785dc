"use client";

import { useQuery } from "@tanstack/react-query";

export interface Session {
  user?: { name?: string | null; email?: string | null };
}

/** Loaded in the browser, so the pages around it stay the same for every visitor, and shared by everything that asks. */
export function useSession() {
  return useQuery({
    queryKey: ["session"],
    queryFn: async (): Promise<Session | null> => {
      const res = await fetch("/api/auth/session", { credentials: "same-origin" });
      const body = await res.json().catch(() => null);
      return res.ok ? body : null;
    },
  });
}
