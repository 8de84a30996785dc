import "server-only";
import type { Db } from "@/db";
import { refreshSearchStatistics } from "@/db/queries/search/stats";
import { warnOnce } from "@/lib/log-once";

/** Search upkeep after every write of papers; search stays correct without it, only slower, so a failure is only logged. */
export async function papersWritten(db: Db): Promise<void> {
  await refreshSearchStatistics(db).catch((error: unknown) =>
    warnOnce("papers-written-search", "search upkeep after writing papers failed (searches stay correct, maybe slower)", error),
  );
}
