import "server-only";
import { purgeExpired } from "@/db/queries/housekeeping";
import { purgeJobRuns } from "@/db/queries/job-runs";
import type { Job } from "@/server/jobs/job";

const KEEP_RUNS_DAYS = 90;

export interface HousekeepingResult extends Record<string, unknown> {
  verificationTokens: number;
  sessions: number;
  rateLimitWindows: number;
  jobRuns: number;
}

export const housekeepingJob: Job<Record<string, never>, HousekeepingResult> = {
  name: "housekeeping",
  lock: "housekeeping",
  recordParams: () => ({}),
  async run(_params, { db }) {
    const now = new Date();
    const purged = await purgeExpired(db, { now });
    const jobRuns = await purgeJobRuns(db, { before: new Date(now.getTime() - KEEP_RUNS_DAYS * 86_400_000) });
    return { status: "succeeded", result: { ...purged, jobRuns } };
  },
};
