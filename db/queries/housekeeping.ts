import { lt } from "drizzle-orm";
import type { Db } from "@/db";
import { rateLimits, sessions, verificationTokens } from "@/db/schema";

/** Rate-limit windows are at most this long; older windows are never read again. */
const LONGEST_WINDOW_MS = 24 * 60 * 60 * 1000;

/** Deletes expired sign-in tokens and sessions and finished rate-limit windows; returns the counts. */
export async function purgeExpired(db: Db, { now = new Date() }: { now?: Date } = {}) {
  const [tokens, expiredSessions, windows] = await Promise.all([
    db.delete(verificationTokens).where(lt(verificationTokens.expires, now)).returning({ token: verificationTokens.token }),
    db.delete(sessions).where(lt(sessions.expires, now)).returning({ token: sessions.sessionToken }),
    db
      .delete(rateLimits)
      .where(lt(rateLimits.windowStart, new Date(now.getTime() - LONGEST_WINDOW_MS)))
      .returning({ key: rateLimits.key }),
  ]);
  return { verificationTokens: tokens.length, sessions: expiredSessions.length, rateLimitWindows: windows.length };
}
