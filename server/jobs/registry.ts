import "server-only";
import type { Db } from "@/db";
import type { IngestionDayResult } from "@/db/schema";
import { countOf } from "@/lib/display";
import { env } from "@/lib/env";
import { defaultRange } from "@/lib/ingest/range";
import { digestJob, type DigestParams, type DigestResult } from "@/server/digest/job";
import { housekeepingJob, type HousekeepingResult } from "@/server/housekeeping";
import { ingestJob } from "@/server/ingest/run";
import { searchIndexDue, searchIndexJob, type SearchIndexResult } from "@/server/search/index-job";
import { hasUnfoldedVotes } from "@/db/queries/vote-fold";
import { shareImagesDue, shareImagesJob, type ShareImagesResult } from "@/server/share-images/ahead";
import { voteFoldJob, type VoteFoldResult } from "@/server/vote-fold";
import type { Job, JobRunSummary } from "./job";

export interface JobEntry<P, R extends Record<string, unknown>> {
  job: Job<P, R>;
  schedule: { expression: string | undefined; source: string };
  defaultParams(): P;
  route: string;
  /** Answering no skips a scheduled run unrecorded, so a per-minute job does not fill job_runs with empty runs. */
  due?(db: Db): Promise<boolean>;
  describe(result: R): string;
}

export function summarize<P, R extends Record<string, unknown>>(
  entry: JobEntry<P, R>,
  { runId, status, result }: JobRunSummary<R>,
): string {
  return `run ${runId} ${status}: ${entry.describe(result)}`;
}

function describeIngestion({ days }: { days: IngestionDayResult[] }): string {
  const sum = (key: "inserted" | "updated" | "rejected") => days.reduce((n, d) => n + d[key], 0);
  const failed = days.filter((d) => d.error).length;
  return `${countOf(days.length, "day")}, ${sum("inserted")} new, ${sum("updated")} updated, ${sum("rejected")} rejected${failed ? `, ${countOf(failed, "day")} failed` : ""}`;
}

export const ingestEntry: JobEntry<Parameters<typeof ingestJob.run>[0], { days: IngestionDayResult[] }> = {
  job: ingestJob,
  schedule: { expression: env.INGEST_CRON, source: "INGEST_CRON" },
  // Today and yesterday (UTC): the feed fills in over a day.
  defaultParams: () => ({ range: defaultRange() }),
  route: "/api/cron/ingest",
  describe: describeIngestion,
};

export const housekeepingEntry: JobEntry<Record<string, never>, HousekeepingResult> = {
  job: housekeepingJob,
  schedule: { expression: "7 * * * *", source: "the built-in hourly schedule" },
  defaultParams: () => ({}),
  route: "/api/cron/housekeeping",
  describe: (purged) =>
    `purged ${countOf(purged.verificationTokens, "sign-in token")}, ${countOf(purged.sessions, "session")}, ${countOf(purged.rateLimitWindows, "rate-limit window")}, ${countOf(purged.jobRuns, "old run record")}`,
};

export const digestEntry: JobEntry<DigestParams, DigestResult> = {
  job: digestJob,
  schedule: { expression: env.DIGEST_CRON, source: "DIGEST_CRON" },
  // Both: a weekly digest is due once its week is over, and its claims keep it to one a week.
  defaultParams: () => ({ frequencies: ["daily", "weekly"] }),
  route: "/api/cron/digest",
  describe: ({ periods }) =>
    periods.length === 0
      ? "nothing to do"
      : periods
          .map((p) =>
            p.period ? `${p.period}: ${p.sent} sent, ${p.skipped} skipped, ${p.failed} failed` : `${p.frequency}: no listing yet`,
          )
          .join("; "),
};

export const voteFoldEntry: JobEntry<Record<string, never>, VoteFoldResult> = {
  job: voteFoldJob,
  // Counts shown in rankings lag votes by at most this minute (docs/votes.md).
  schedule: { expression: "* * * * *", source: "the built-in once-a-minute schedule" },
  defaultParams: () => ({}),
  route: "/api/cron/votes",
  due: hasUnfoldedVotes,
  describe: ({ papers }) => `folded the votes of ${countOf(papers, "paper")}`,
};

export const shareImagesEntry: JobEntry<Record<string, never>, ShareImagesResult> = {
  job: shareImagesJob,
  // A new day's images are drawn within minutes of its ingestion, and redrawn as its upvotes move.
  schedule: { expression: "*/5 * * * *", source: "the built-in five-minute schedule" },
  defaultParams: () => ({}),
  route: "/api/cron/share-images",
  due: shareImagesDue,
  describe: ({ drawn, failed }) => `drew ${countOf(drawn, "share image")}${failed ? `, ${failed} failed` : ""}`,
};

export const searchIndexEntry: JobEntry<Record<string, never>, SearchIndexResult> = {
  job: searchIndexJob,
  schedule: { expression: "*/10 * * * *", source: "the built-in ten-minute schedule" },
  defaultParams: () => ({}),
  route: "/api/cron/search-index",
  due: searchIndexDue,
  describe: ({ papers, written, relatedWords }) =>
    [
      papers === null
        ? "nothing written since the last build"
        : `indexed ${countOf(papers, "paper")} (${written} written since the last build)`,
      ...(relatedWords === null ? [] : [`learned related words for ${countOf(relatedWords, "stem")}`]),
    ].join("; "),
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- entries of different parameter types
export const JOBS: JobEntry<any, any>[] = [ingestEntry, digestEntry, housekeepingEntry, voteFoldEntry, shareImagesEntry, searchIndexEntry];
