import "server-only";
import { getDb } from "@/db";
import { holdsOnlySampleCorpus } from "@/db/queries/sample";
import { env } from "@/lib/env";
import { lastDays } from "@/lib/ingest/range";
import { JobBusyError } from "@/server/jobs/job";
import { ingestEntry, summarize } from "@/server/jobs/registry";
import { fetchText } from "./http";
import { ingestSettings, runIngestion, type IngestSettingsInput } from "./run";

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.log(`[daily-papers] ${line}`);

export type StartIngestOutcome = "disabled" | "has-data" | "offline" | "busy" | "ingested";

/** Without network it gives up after one quick request and one log line; the sample stays. */
export async function ingestOnStart({
  settings,
  log = defaultLog,
  now = new Date(),
}: { settings?: IngestSettingsInput; log?: Log; now?: Date } = {}): Promise<StartIngestOutcome> {
  if (env.INGEST_ON_START === "0") return "disabled";
  if (!(await holdsOnlySampleCorpus(await getDb()))) return "has-data";

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
    log(`first start: fetched the last 7 days of Daily Papers, ${summarize(ingestEntry, { ...summary, result: { days: summary.days } })}`);
    return "ingested";
  } catch (error) {
    if (error instanceof JobBusyError) return "busy";
    throw error;
  }
}
