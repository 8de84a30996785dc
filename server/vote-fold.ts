/**
 * The vote fold, a background job: copies the per-paper vote counters into papers.vote_count (and
 * so the generated upvotes that rankings sort by), once a minute, so votes never rewrite papers.
 */
import "server-only";
import { foldVoteCounts } from "@/db/queries/vote-fold";
import type { Job } from "@/server/jobs/job";

export interface VoteFoldResult extends Record<string, unknown> {
  /** Papers whose vote_count this run rewrote. */
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
