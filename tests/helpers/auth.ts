import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { sessions, users } from "@/db/schema";

/** A user with a live database session, and the Cookie header that carries it. */
export async function createSignedInUser(email = `user-${randomUUID()}@example.org`) {
  const db = await getDb();
  const [user] = await db.insert(users).values({ email }).returning({ id: users.id });
  const token = randomUUID();
  await db.insert(sessions).values({ sessionToken: token, userId: user!.id, expires: new Date(Date.now() + 86_400_000) });
  return { userId: user!.id, email, cookie: `authjs.session-token=${token}` };
}
