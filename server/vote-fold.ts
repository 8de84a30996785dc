/** Folds vote counters into papers.vote_count once a minute, so votes never rewrite papers. */
import "server-only";
import { foldVoteCounts } from "@/db/queries/vote-fold";
import type { Job } from "@/server/jobs/job";

export interface VoteFoldResult extends Record<string, unknown> {
  papers: number;
}

export const voteFoldJob: Job<Record<string, never>, VoteFoldResult> = {
  name: "votes",
  lock: "votes",
  recordParams: () => ({}),
  async run(_params, { db }) {
    return { status: "succeeded", result: await foldVoteCounts(db) };
  },
};
