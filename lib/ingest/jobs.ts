/** Ingestion that the server starts by itself: the first-start fill and the INGEST_CRON schedule. */
import { holdsOnlySampleCorpus } from "@/db/queries/ingest";
import { env } from "@/lib/env";
import { fetchText } from "./http";
import { defaultRange, lastDays } from "./range";
import { IngestionBusyError, ingestSettings, runIngestion, type IngestSettingsInput, type RunSummary } from "./run";
import { startSchedule, type ScheduleHandle } from "./schedule";

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.log(`[daily-papers] ${line}`);

function summarize(summary: RunSummary): string {
  const sum = (key: "inserted" | "updated" | "rejected") => summary.days.reduce((n, d) => n + d[key], 0);
  const failed = summary.days.filter((d) => d.error).length;
  return `run ${summary.runId} ${summary.status}: ${summary.days.length} days, ${sum("inserted")} new, ${sum("updated")} updated, ${sum("rejected")} rejected${failed ? `, ${failed} days failed` : ""}`;
}

export type StartIngestOutcome = "disabled" | "has-data" | "offline" | "busy" | "ingested";

/**
 * On a store that holds only the sample corpus, fetches the last 7 days so a new user with
 * internet sees today's papers. Without network it gives up after one quick request and one
 * log line; the sample stays.
 */
export async function ingestOnStart({
  settings,
  log = defaultLog,
  now = new Date(),
}: { settings?: IngestSettingsInput; log?: Log; now?: Date } = {}): Promise<StartIngestOutcome> {
  if (env.INGEST_ON_START === "0") return "disabled";
  if (!(await holdsOnlySampleCorpus())) return "has-data";

  const resolved = ingestSettings(settings);
  const probe = new URL("/api/daily_papers", resolved.hfApiUrl);
  probe.search = new URLSearchParams({ date: lastDays(1, now).to, limit: "1", p: "0" }).toString();
  try {
    await fetchText(probe.href, { ...resolved.http, timeoutMs: Math.min(resolved.http.timeoutMs, 5_000), retries: 0 });
  } catch (error) {
    log(`could not reach ${resolved.hfApiUrl} (${error instanceof Error ? error.message : String(error)}); keeping the sample papers`);
    return "offline";
  }

  try {
    const summary = await runIngestion({ range: lastDays(7, now), trigger: "startup", settings });
    log(`first start: fetched the last 7 days of Daily Papers, ${summarize(summary)}`);
    return "ingested";
  } catch (error) {
    if (error instanceof IngestionBusyError) return "busy";
    throw error;
  }
}

/** The job INGEST_CRON runs: the same as the cron route's default, today and yesterday. */
export async function scheduledIngest({ log = defaultLog }: { log?: Log } = {}): Promise<void> {
  try {
    log(`scheduled ingestion ${summarize(await runIngestion({ range: defaultRange(), trigger: "schedule" }))}`);
  } catch (error) {
    if (error instanceof IngestionBusyError) log(`scheduled ingestion skipped: ${error.message}`);
    else log(`scheduled ingestion failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

const state = globalThis as unknown as { __dailyPapersIngestJobs?: { schedule: ScheduleHandle | null } };

/** Starts the background jobs once per process; never blocks or fails start-up. */
export function startIngestionJobs({ log = defaultLog }: { log?: Log } = {}): void {
  if (state.__dailyPapersIngestJobs) return;
  state.__dailyPapersIngestJobs = { schedule: null };

  if (env.INGEST_CRON) {
    try {
      const schedule = startSchedule(env.INGEST_CRON, () => scheduledIngest({ log }));
      state.__dailyPapersIngestJobs.schedule = schedule;
      log(`ingestion scheduled by INGEST_CRON "${env.INGEST_CRON}" (UTC), next at ${schedule.next().toISOString()}`);
    } catch (error) {
      log(`INGEST_CRON "${env.INGEST_CRON}" ignored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  void ingestOnStart({ log }).catch((error: unknown) => {
    log(`first-start ingestion failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}
