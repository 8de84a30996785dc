import { and, eq, gt, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { sessions, users } from "@/db/schema";

export interface SessionUser {
  id: string;
  email: string | null;
  name: string | null;
}

/** Built once per database: every signed-in API request makes it. */
function prepareSessionUser(db: Db) {
  return db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, sql.placeholder("token")), gt(sessions.expires, sql.placeholder("now"))))
    .limit(1)
    .prepare("session_user");
}

const sessionUserQueries = new WeakMap<Db, ReturnType<typeof prepareSessionUser>>();

export async function getSessionUser(db: Db, { token, now = new Date() }: { token: string; now?: Date }): Promise<SessionUser | null> {
  let query = sessionUserQueries.get(db);
  if (!query) sessionUserQueries.set(db, (query = prepareSessionUser(db)));
  // A string: drizzle encodes Dates of bound columns itself, and the postgres.js driver is set to take them so.
  const [row] = await query.execute({ token, now: now.toISOString() });
  return row ?? null;
}
