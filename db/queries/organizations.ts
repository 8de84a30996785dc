import { inArray, sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { organizationLabel } from "@/lib/search/filters";
import { organizations } from "@/db/schema";

/** The organizations papers have, each name a reader sees once (the filter on one takes in those shown under its name). */
export async function listOrganizations(db: Db, { limit = 500 }: { limit?: number } = {}) {
  return rowsOf<{ name: string; fullname: string | null }>(
    await db.execute(sql`
      select name, fullname from (
        select distinct on (${organizationLabel("o")}) o.name, o.fullname, ${organizationLabel("o")} as label
        from organizations o
        where exists (select 1 from papers p where p.organization_name = o.name)
        order by ${organizationLabel("o")}, o.fullname is null, o.name
      ) one
      order by label
      limit ${limit}`),
  );
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
