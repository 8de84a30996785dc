/**
 * What every background job shares: one run at a time across all instances (its advisory lock,
 * db/locks.ts), and a run record in job_runs that the admin page lists. A job is declared in
 * server/jobs/registry.ts with its schedule and trigger route; its work is its own.
 */
import "server-only";
import { getBackgroundDb, getDb, type Db } from "@/db";
import { withLock, type LockName } from "@/db/locks";
import { getRunningJobRun, startJobRun, updateJobRun } from "@/db/queries/job-runs";
import type { JobRun, JobStatus, JobTrigger } from "@/db/schema";
import { warnOnce } from "@/lib/log-once";

export type FinishedStatus = Exclude<JobStatus, "running">;

/** What a job's work ends with; `error` is set when some or all of it failed. */
export interface JobOutcome<R extends Record<string, unknown>> {
  status: FinishedStatus;
  result: R;
  error?: string | null;
}

export interface JobContext<R extends Record<string, unknown>> {
  db: Db;
  runId: number;
  /** Saves progress into the run record while the job goes on. */
  progress(result: R): Promise<void>;
}

export interface Job<P, R extends Record<string, unknown>> {
  name: string;
  lock: LockName;
  /** What the run record keeps of the parameters (they may hold callbacks and settings). */
  recordParams(params: P): Record<string, unknown>;
  run(params: P, context: JobContext<R>): Promise<JobOutcome<R>>;
}

export interface JobRunSummary<R> {
  runId: number;
  status: FinishedStatus;
  result: R;
}

/** Another run of the job holds its lock; `running` is its record when there is one to name. */
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

/**
 * Runs `job` once, recorded, unless another run of it holds its lock anywhere: then it throws
 * JobBusyError. A job that throws is recorded as failed and the error goes on to the caller.
 */
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
