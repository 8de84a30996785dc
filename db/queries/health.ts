import { sql } from "drizzle-orm";
import type { Db } from "@/db";

/** A trivial query: throws when the store cannot answer. */
export async function ping(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
