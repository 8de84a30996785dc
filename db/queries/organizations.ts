import { inArray, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations } from "@/db/schema";

export async function listOrganizations(db: Db, { limit = 500 }: { limit?: number } = {}) {
  return db
    .select({ name: organizations.name, fullname: organizations.fullname })
    .from(organizations)
    .orderBy(sql`lower(coalesce(${organizations.fullname}, ${organizations.name}))`)
    .limit(limit);
}

export async function getOrganization(db: Db, { name }: { name: string }) {
  const [row] = await db
    .select({ name: organizations.name, fullname: organizations.fullname, avatar: organizations.avatar })
    .from(organizations)
    .where(sql`${organizations.name} = ${name}`)
    .limit(1);
  return row ?? null;
}

export async function organizationNames(db: Db, { names }: { names: string[] }): Promise<Map<string, string>> {
  if (names.length === 0) return new Map();
  const rows = await db
    .select({ name: organizations.name, fullname: organizations.fullname })
    .from(organizations)
    .where(inArray(organizations.name, names));
  return new Map(rows.flatMap((r) => (r.fullname ? [[r.name, r.fullname] as const] : [])));
}
