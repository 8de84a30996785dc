import { sql } from "drizzle-orm";
import { engine, getDb } from "@/db";

/** Whether the store answers a trivial query, and which engine it is. */
export async function checkDatabase(): Promise<{ engine: string; reachable: boolean }> {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return { engine, reachable: true };
  } catch (error) {
    console.error("[daily-papers] health check: database unreachable:", error instanceof Error ? error.message : error);
    return { engine, reachable: false };
  }
}
