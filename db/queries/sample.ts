import { and, count, inArray, like, notLike, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { LOCKS } from "@/db/lock-ids";
import { organizations, papers, type NewPaper } from "@/db/schema";
import sample from "@/db/sample/papers.json";

export interface SamplePaper {
  id: string;
  title: string;
  abstract: string;
  authorCount: number | null;
  publishedAt: string | null;
  listedOn: string | null;
  sourceUpvotes: number;
  organization: { name: string; fullname: string | null } | null;
}

/** So a new user sees real papers at once; a store holding any paper is left as it is. */
export async function loadSampleIfEmpty(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    // Two processes starting together against one server must not both load it.
    await tx.execute(sql`select pg_advisory_xact_lock(${LOCKS.sampleLoad})`);
    const [row] = await tx.select({ n: count() }).from(papers);
    if ((row?.n ?? 0) > 0) return 0;

    const rows = sample as SamplePaper[];
    const orgs = new Map(rows.flatMap((p) => (p.organization ? [[p.organization.name, p.organization]] : [])));
    if (orgs.size > 0) {
      await tx
        .insert(organizations)
        .values([...orgs.values()])
        .onConflictDoNothing();
    }
    const values: NewPaper[] = rows.map(({ organization, ...p }) => ({
      ...p,
      organizationName: organization?.name ?? null,
    }));
    await tx.insert(papers).values(values);
    return values.length;
  });
}

export async function holdsOnlySampleCorpus(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(papers).where(notLike(papers.id, "local-%"));
  return (row?.n ?? 0) === 0;
}

/** So the sample and real papers are never mixed up. */
export async function retireSampleCorpus(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const [real] = await tx.select({ n: count() }).from(papers).where(notLike(papers.id, "local-%"));
    if ((real?.n ?? 0) === 0) return 0;
    const removed = await tx.delete(papers).where(like(papers.id, "local-%")).returning({ org: papers.organizationName });
    const orgs = [...new Set(removed.flatMap((r) => (r.org ? [r.org] : [])))];
    if (orgs.length > 0) {
      await tx
        .delete(organizations)
        .where(
          and(
            inArray(organizations.name, orgs),
            sql`not exists (select 1 from papers p where p.organization_name = ${organizations.name})`,
          ),
        );
    }
    return removed.length;
  });
}
