import "server-only";
import { engine, getDb } from "@/db";
import { ping } from "@/db/queries/health";

export async function checkDatabase(): Promise<{ engine: string; reachable: boolean }> {
  try {
    await ping(await getDb());
    return { engine, reachable: true };
  } catch (error) {
    console.error("[daily-papers] health check: database unreachable:", error instanceof Error ? error.message : error);
    return { engine, reachable: false };
  }
}
