export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { isBuildPhase } = await import("@/lib/env");
  // `next build` must never open or migrate a database.
  if (isBuildPhase) return;
  const { prepareStore, startHousekeeping } = await import("@/lib/startup");
  await prepareStore();
  // In the background: the INGEST_CRON schedule, a first fill from upstream over the sample, and
  // the hourly purge of expired sign-in tokens, sessions and rate-limit windows.
  const { startIngestionJobs } = await import("@/lib/ingest/jobs");
  startIngestionJobs();
  startHousekeeping();
}
