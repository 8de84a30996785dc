import { engine } from "@/db";
import { purgeExpired } from "@/db/queries/housekeeping";
import { loadSampleIfEmpty } from "@/db/queries/sample";
import { emailSignInProblem } from "@/lib/email/sign-in";

const log = (line: string) => console.log(`[daily-papers] ${line}`);

/** Opens and migrates the store, and gives an empty one the sample corpus. Runs once per process. */
export async function prepareStore(): Promise<void> {
  const loaded = await loadSampleIfEmpty();
  if (loaded > 0) log(`empty ${engine} store: loaded ${loaded} sample papers`);
  const problem = emailSignInProblem();
  if (problem) log(problem);
}

const HOUSEKEEPING_EVERY_MS = 60 * 60 * 1000;
const state = globalThis as unknown as { __dailyPapersHousekeeping?: ReturnType<typeof setInterval> };

/** Expired sign-in tokens, sessions and rate-limit windows, purged now and every hour. */
export async function housekeeping(): Promise<void> {
  try {
    const purged = await purgeExpired();
    const total = purged.verificationTokens + purged.sessions + purged.rateLimitWindows;
    if (total > 0) {
      log(`housekeeping: purged ${purged.verificationTokens} expired sign-in tokens, ${purged.sessions} sessions, ${purged.rateLimitWindows} rate-limit windows`);
    }
  } catch (error) {
    log(`housekeeping failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function startHousekeeping(): void {
  if (state.__dailyPapersHousekeeping) return;
  void housekeeping();
  state.__dailyPapersHousekeeping = setInterval(() => void housekeeping(), HOUSEKEEPING_EVERY_MS);
  state.__dailyPapersHousekeeping.unref?.();
}
