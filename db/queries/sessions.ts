import { and, eq, gt } from "drizzle-orm";
import type { Db } from "@/db";
import { sessions, users } from "@/db/schema";

export interface SessionUser {
  id: string;
  email: string | null;
  name: string | null;
}

/** The user behind a live Auth.js database session token, or null. */
export async function getSessionUser(db: Db, { token, now = new Date() }: { token: string; now?: Date }): Promise<SessionUser | null> {
  const [row] = await db
    .select({ id: users.id, email: users.email, name: users.name })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.sessionToken, token), gt(sessions.expires, now)))
    .limit(1);
  return row ?? null;
}
