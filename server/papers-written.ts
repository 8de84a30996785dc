import "server-only";
import type { Db } from "@/db";
import { refreshSearchStatistics } from "@/db/queries/search/stats";
import { warnOnce } from "@/lib/log-once";

/**
 * What follows every write of papers (ingestion, the sample load): the one place writers tell
 * the rest of the app. Today that is search upkeep; search stays correct without it, only slower,
 * so a failure is logged and not passed on.
 */
export async function papersWritten(db: Db): Promise<void> {
  await refreshSearchStatistics(db).catch((error: unknown) =>
    warnOnce("papers-written-search", "search upkeep after writing papers failed (searches stay correct, maybe slower)", error),
  );
}
