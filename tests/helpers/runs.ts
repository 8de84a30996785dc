import { getDb } from "@/db";
import { getRunningJobRun, listJobRuns } from "@/db/queries/job-runs";
import type { IngestionDayResult } from "@/db/schema";

/** Ingestion's run records, newest first, with their days. */
export async function listIngestionRuns() {
  const runs = await listJobRuns(await getDb(), { job: "ingest" });
  return runs.map((run) => ({ ...run, result: run.result as { days: IngestionDayResult[] } }));
}

export const getRunningIngestionRun = async () => getRunningJobRun(await getDb(), { job: "ingest" });
