import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations } from "@/db/schema";

/** Organizations by display name (the search page offers them as a filter). */
export async function listOrganizations(db: Db, { limit = 500 }: { limit?: number } = {}) {
  return db
    .select({ name: organizations.name, fullname: organizations.fullname })
    .from(organizations)
    .orderBy(sql`lower(coalesce(${organizations.fullname}, ${organizations.name}))`)
    .limit(limit);
}
