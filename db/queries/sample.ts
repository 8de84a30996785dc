import { count, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { LOCKS } from "@/db/lock-ids";
import { organizations, papers, type NewPaper } from "@/db/schema";
import sample from "@/db/sample/papers.json";

interface SamplePaper {
  id: string;
  title: string;
  abstract: string;
  authorCount: number | null;
  publishedAt: string | null;
  listedOn: string | null;
  sourceUpvotes: number;
  organization: { name: string; fullname: string | null } | null;
}

/**
 * Loads the bundled sample corpus into an empty store so a new user sees real papers at once.
 * A store that holds any paper is left exactly as it is. Returns how many papers were loaded.
 */
export async function loadSampleIfEmpty(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    // Two processes starting together against one server must not both load it.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.sampleLoad})`);
    const [row] = await tx.select({ n: count() }).from(papers);
    if ((row?.n ?? 0) > 0) return 0;

    const rows = sample as SamplePaper[];
    const orgs = new Map(rows.flatMap((p) => (p.organization ? [[p.organization.name, p.organization]] : [])));
    if (orgs.size > 0) {
      await tx.insert(organizations).values([...orgs.values()]).onConflictDoNothing();
    }
    const values: NewPaper[] = rows.map(({ organization, ...p }) => ({
      ...p,
      organizationName: organization?.name ?? null,
    }));
    await tx.insert(papers).values(values);
    return values.length;
  });
}
