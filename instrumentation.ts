export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { env, isBuildPhase } = await import("@/lib/env");
  // `next build` must never open or migrate a database.
  if (isBuildPhase) return;
  const { prepareStore } = await import("@/server/startup");
  await prepareStore();
  // The other server processes of `npm start` (scripts/start.ts) serve requests only.
  if (env.DAILY_PAPERS_JOBS === "0") return;
  // In the background: every job's schedule (server/jobs/registry.ts), the first fill from
  // upstream over the sample corpus, and one housekeeping pass now.
  const [{ startScheduledJobs, runScheduled }, { housekeepingEntry }, { ingestOnStart }] = await Promise.all([
    import("@/server/jobs/scheduler"),
    import("@/server/jobs/registry"),
    import("@/server/ingest/on-start"),
  ]);
  startScheduledJobs();
  void runScheduled(housekeepingEntry, { log: () => {} });
  void ingestOnStart().catch((error: unknown) => {
    console.log(`[daily-papers] first-start ingestion failed: ${error instanceof Error ? error.message : String(error)}`);
  });
}
