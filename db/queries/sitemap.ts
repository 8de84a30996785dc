import { and, asc, desc, gte, isNotNull, lte, max, sql } from "drizzle-orm";
import type { Db } from "@/db";
import { papers } from "@/db/schema";

export async function getListedMonths(db: Db): Promise<Array<{ month: string; updatedAt: Date }>> {
  const month = sql<string>`to_char(${papers.listedOn}, 'YYYY-MM')`;
  const rows = await db
    .select({ month, updatedAt: max(papers.updatedAt) })
    .from(papers)
    .where(isNotNull(papers.listedOn))
    .groupBy(month)
    .orderBy(desc(month));
  return rows.flatMap((r) => (r.updatedAt ? [{ month: r.month, updatedAt: new Date(r.updatedAt) }] : []));
}

export async function getListedPaperStamps(
  db: Db,
  { start, end, limit }: { start: string; end: string; limit: number },
): Promise<Array<{ id: string; listedOn: string; updatedAt: Date }>> {
  const rows = await db
    .select({ id: papers.id, listedOn: papers.listedOn, updatedAt: papers.updatedAt })
    .from(papers)
    .where(and(gte(papers.listedOn, start), lte(papers.listedOn, end)))
    .orderBy(asc(papers.listedOn), asc(papers.id))
    .limit(limit);
  return rows.flatMap((r) => (r.listedOn ? [{ id: r.id, listedOn: r.listedOn, updatedAt: new Date(r.updatedAt) }] : []));
}
