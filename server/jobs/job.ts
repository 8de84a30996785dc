/** One run at a time across all instances (an advisory lock, db/locks.ts), each recorded in job_runs. */
import "server-only";
import { getBackgroundDb, getDb, type Db } from "@/db";
import { withLock, type LockName } from "@/db/locks";
import { getRunningJobRun, startJobRun, updateJobRun } from "@/db/queries/job-runs";
import type { JobRun, JobStatus, JobTrigger } from "@/db/schema";
import { warnOnce } from "@/lib/log-once";

export type FinishedStatus = Exclude<JobStatus, "running">;

export interface JobOutcome<R extends Record<string, unknown>> {
  status: FinishedStatus;
  result: R;
  error?: string | null;
}

export interface JobContext<R extends Record<string, unknown>> {
  db: Db;
  runId: number;
  progress(result: R): Promise<void>;
}

export interface Job<P, R extends Record<string, unknown>> {
  name: string;
  lock: LockName;
  /** The parameters may hold callbacks and settings, so the run record keeps only this. */
  recordParams(params: P): Record<string, unknown>;
  run(params: P, context: JobContext<R>): Promise<JobOutcome<R>>;
}

export interface JobRunSummary<R> {
  runId: number;
  status: FinishedStatus;
  result: R;
}

export class JobBusyError extends Error {
  constructor(
    readonly job: string,
    readonly running: JobRun | null,
  ) {
    super(
      running
        ? `The ${job} run ${running.id} (${running.trigger}, started ${running.startedAt.toISOString()}) is still running.`
        : `Another ${job} run is in progress.`,
    );
    this.name = "JobBusyError";
  }
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** A job that throws is recorded as failed and the error goes on to the caller. */
export async function runJob<P, R extends Record<string, unknown>>(
  job: Job<P, R>,
  { params, trigger }: { params: P; trigger: JobTrigger },
): Promise<JobRunSummary<R>> {
  // The lock's transaction waits idle on the request pool; the work runs unbounded on the background one.
  const db = await getBackgroundDb();
  const locked = await withLock(await getDb(), job.lock, async (): Promise<JobRunSummary<R>> => {
    const run = await startJobRun(db, { job: job.name, trigger, params: job.recordParams(params) });
    let last: R | Record<string, never> = {};
    const context: JobContext<R> = {
      db,
      runId: run.id,
      progress: async (result) => {
        last = result;
        await updateJobRun(db, { id: run.id, result });
      },
    };
    try {
      const outcome = await job.run(params, context);
      await updateJobRun(db, { id: run.id, result: outcome.result, status: outcome.status, error: outcome.error ?? null });
      return { runId: run.id, status: outcome.status, result: outcome.result };
    } catch (error) {
      await updateJobRun(db, { id: run.id, result: last, status: "failed", error: message(error) }).catch((recordError: unknown) =>
        warnOnce(`job-record-${job.name}`, `could not record the failure of ${job.name} run ${run.id}`, recordError),
      );
      throw error;
    }
  });
  if (!locked.acquired) throw new JobBusyError(job.name, await getRunningJobRun(db, { job: job.name }));
  return locked.value;
}
