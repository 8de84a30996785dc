import "server-only";
import { Cron } from "croner";
import { getDb } from "@/db";
import { JOBS, summarize, type JobEntry } from "./registry";
import { JobBusyError, runJob } from "./job";

type Log = (line: string) => void;
const defaultLog: Log = (line) => console.log(`[daily-papers] ${line}`);

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** Never throws: a schedule must outlive a bad run. */
export async function runScheduled<P, R extends Record<string, unknown>>(
  entry: JobEntry<P, R>,
  { log = defaultLog }: { log?: Log } = {},
): Promise<void> {
  const name = entry.job.name;
  try {
    if (entry.due && !(await entry.due(await getDb()))) return;
    log(`scheduled ${name} ${summarize(entry, await runJob(entry.job, { params: entry.defaultParams(), trigger: "schedule" }))}`);
  } catch (error) {
    if (error instanceof JobBusyError) log(`scheduled ${name} skipped: ${error.message}`);
    else log(`scheduled ${name} failed: ${message(error)}`);
  }
}

export function scheduleOf<P, R extends Record<string, unknown>>(entry: JobEntry<P, R>, run: () => void, log: Log): Cron | null {
  const { expression, source } = entry.schedule;
  if (!expression) return null;
  try {
    // protect: a run still going when the next is due is not doubled; unref: timers never keep the process up.
    const cron = new Cron(expression, { timezone: "UTC", protect: true, unref: true }, run);
    const next = cron.nextRun();
    if (!next) {
      cron.stop();
      log(`${source} "${expression}" ignored: it never fires`);
      return null;
    }
    log(`${entry.job.name} scheduled by ${source} "${expression}" (UTC), next at ${next.toISOString()}`);
    return cron;
  } catch (error) {
    log(`${source} "${expression}" ignored: ${message(error)}`);
    return null;
  }
}

const state = globalThis as unknown as { __dailyPapersSchedules?: Cron[] };

export function startScheduledJobs({ log = defaultLog }: { log?: Log } = {}): void {
  if (state.__dailyPapersSchedules) return;
  state.__dailyPapersSchedules = JOBS.flatMap((entry) => scheduleOf(entry, () => void runScheduled(entry, { log }), log) ?? []);
}
