import { sql } from "drizzle-orm";
import { engine, getDb } from "@/db";

/** Whether the store answers a trivial query, and which engine it is. */
export async function checkDatabase(): Promise<{ engine: string; reachable: boolean; error?: string }> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { engine, reachable: true };
  } catch (error) {
    return { engine, reachable: false, error: error instanceof Error ? error.message : String(error) };
  }
}
