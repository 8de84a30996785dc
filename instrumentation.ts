export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { isBuildPhase } = await import("@/lib/env");
  // `next build` must never open or migrate a database.
  if (isBuildPhase) return;
  const { prepareStore } = await import("@/lib/startup");
  await prepareStore();
}
