/** Run records of the background jobs, for the admin page. */
import "server-only";
import { getDb } from "@/db";
import { listJobRuns } from "@/db/queries/job-runs";
import type { JobRun } from "@/db/schema";
import { warnOnce } from "@/lib/log-once";
import { JOBS } from "./registry";

export async function listRuns({ job, limit }: { job?: string; limit: number }): Promise<JobRun[]> {
  return listJobRuns(await getDb(), { job, limit });
}

export function describeRun(run: JobRun): string {
  const entry = JOBS.find((e) => e.job.name === run.job);
  if (!entry || Object.keys(run.result).length === 0) return "";
  try {
    return entry.describe(run.result);
  } catch (error) {
    // A result in a shape its entry cannot describe: the page shows the rest.
    warnOnce(`describe-run-${run.job}`, `could not describe a ${run.job} run's result`, error);
    return "";
  }
}
