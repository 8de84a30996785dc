import { and, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { jobRuns, type JobRun, type JobStatus, type JobTrigger } from "@/db/schema";

/** Call only while holding the job's lock. */
export async function startJobRun(
  db: Db,
  { job, trigger, params }: { job: string; trigger: JobTrigger; params: Record<string, unknown> },
): Promise<JobRun> {
  // Holding the lock means no other run of this job is alive: one still marked running died with its process.
  await db
    .update(jobRuns)
    .set({
      status: "failed",
      finishedAt: sql`now()`,
      error: "interrupted: the process stopped before the run finished",
      updatedAt: sql`now()`,
    })
    .where(and(eq(jobRuns.job, job), eq(jobRuns.status, "running")));
  const [run] = await db.insert(jobRuns).values({ job, trigger, params }).returning();
  if (!run) throw new Error("inserting a job run returned no row");
  return run;
}

export async function updateJobRun(
  db: Db,
  {
    id,
    result,
    status,
    error,
  }: { id: number; result: Record<string, unknown>; status?: Exclude<JobStatus, "running">; error?: string | null },
): Promise<void> {
  await db
    .update(jobRuns)
    .set({ result, ...(status ? { status, finishedAt: sql`now()`, error: error ?? null } : {}), updatedAt: sql`now()` })
    .where(eq(jobRuns.id, id));
}

export async function listJobRuns(db: Db, { job, limit = 50 }: { job?: string; limit?: number } = {}): Promise<JobRun[]> {
  return db
    .select()
    .from(jobRuns)
    .where(job ? eq(jobRuns.job, job) : undefined)
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(limit);
}

export async function getRunningJobRun(db: Db, { job }: { job: string }): Promise<JobRun | null> {
  const [run] = await db
    .select()
    .from(jobRuns)
    .where(and(eq(jobRuns.job, job), eq(jobRuns.status, "running")))
    .orderBy(desc(jobRuns.startedAt))
    .limit(1);
  return run ?? null;
}

export async function purgeJobRuns(db: Db, { before }: { before: Date }): Promise<number> {
  const deleted = await db
    .delete(jobRuns)
    .where(and(lt(jobRuns.startedAt, before), ne(jobRuns.status, "running")))
    .returning({ id: jobRuns.id });
  return deleted.length;
}
