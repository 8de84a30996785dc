import { and, asc, count, desc, eq, getTableColumns, gt, gte, inArray, isNotNull, lt, lte, max, sql, type SQL } from "drizzle-orm";
import type { SelectedFields } from "drizzle-orm/pg-core";
import { rowsOf, type Db } from "@/db";
import { organizations, papers, type Organization, type Paper } from "@/db/schema";

export type PaperSort = "trending" | "publishedAt";

type SearchColumn = "searchVector" | "titleVector" | "searchHashes";

export type PaperFields = Omit<Paper, SearchColumn>;

export interface PaperWithOrg extends PaperFields {
  organization: Pick<Organization, "name" | "fullname" | "avatar"> | null;
}

const searchColumns = new Set<string>(["searchVector", "titleVector", "searchHashes"] satisfies SearchColumn[]);
// The search columns (a 2 KB document among them) are dropped from every read.
const paperFields = Object.fromEntries(Object.entries(getTableColumns(papers)).filter(([key]) => !searchColumns.has(key))) as Omit<
  ReturnType<typeof getTableColumns<typeof papers>>,
  SearchColumn
>;

function paperSelect<E extends SelectedFields = Record<never, never>>(extra?: E) {
  return {
    paper: paperFields,
    organization: { name: organizations.name, fullname: organizations.fullname, avatar: organizations.avatar },
    ...(extra ?? ({} as E)),
  };
}

export function withOrganization(row: { paper: PaperFields; organization: PaperWithOrg["organization"] }): PaperWithOrg {
  return { ...row.paper, organization: row.organization?.name ? row.organization : null };
}

export function papersWithOrganizations<E extends SelectedFields = Record<never, never>>(db: Db, extra?: E) {
  return db.select(paperSelect(extra)).from(papers).leftJoin(organizations, eq(papers.organizationName, organizations.name));
}

function selectPapers(db: Db, where: SQL | undefined) {
  return papersWithOrganizations(db).where(where);
}

const rankOrder = {
  // Mirrors papers_listed_rank_idx so a day's page is read straight off the index.
  trending: [desc(papers.upvotes), sql`${papers.publishedAt} desc nulls last`, asc(papers.id)],
  publishedAt: [sql`${papers.publishedAt} desc nulls last`, desc(papers.upvotes), asc(papers.id)],
} as const;

const listedBetween = (start: string, end: string) =>
  start === end ? eq(papers.listedOn, start) : and(gte(papers.listedOn, start), lte(papers.listedOn, end));

export async function getListedPapers(
  db: Db,
  {
    start,
    end,
    submitter,
    sort = "trending",
    limit = 100,
    offset = 0,
  }: { start: string; end: string; submitter?: string; sort?: PaperSort; limit?: number; offset?: number },
): Promise<PaperWithOrg[]> {
  const where = submitter === undefined ? listedBetween(start, end) : and(eq(papers.submittedByName, submitter), listedBetween(start, end));
  const rows = await selectPapers(db, where)
    .orderBy(...rankOrder[sort])
    .limit(limit)
    .offset(offset);
  return rows.map(withOrganization);
}

const submittedOrder = {
  // papers_submitter_idx's order: upvotes is never null, but `nulls last` lets the index give the order.
  listed: [
    sql`${papers.listedOn} desc nulls last`,
    sql`${papers.upvotes} desc nulls last`,
    sql`${papers.publishedAt} desc nulls last`,
    asc(papers.id),
  ],
  publishedAt: rankOrder.publishedAt,
} as const;

export async function getSubmittedPapers(
  db: Db,
  {
    submitter,
    order = "listed",
    limit = 100,
    offset = 0,
  }: { submitter: string; order?: keyof typeof submittedOrder; limit?: number; offset?: number },
): Promise<PaperWithOrg[]> {
  const rows = await selectPapers(db, eq(papers.submittedByName, submitter))
    .orderBy(...submittedOrder[order])
    .limit(limit)
    .offset(offset);
  return rows.map(withOrganization);
}

export async function getLatestListedPapers(db: Db, { limit }: { limit: number }): Promise<PaperWithOrg[]> {
  const rows = await selectPapers(db, isNotNull(papers.listedOn))
    .orderBy(sql`${papers.listedOn} desc nulls last`, ...rankOrder.trending)
    .limit(limit);
  return rows.map(withOrganization);
}

export interface PeriodFacts {
  previous: string | null;
  next: string | null;
  count: number;
}

/** The listed days either side of a period and how many papers it lists: one statement, as every listing page needs all three. */
export async function getPeriodFacts(db: Db, { start, end }: { start: string; end: string }): Promise<PeriodFacts> {
  const [row] = rowsOf<{ previous: string | null; next: string | null; count: number | string }>(
    await db.execute(sql`select
      (select max(${papers.listedOn}) from ${papers} where ${lt(papers.listedOn, start)})::text as previous,
      (select min(${papers.listedOn}) from ${papers} where ${gt(papers.listedOn, end)})::text as next,
      (select count(*) from ${papers} where ${listedBetween(start, end)}) as count`),
  );
  return { previous: row?.previous ?? null, next: row?.next ?? null, count: Number(row?.count ?? 0) };
}

export async function getLatestListedDay(db: Db): Promise<string | null> {
  const [row] = await db.select({ day: max(papers.listedOn) }).from(papers);
  return row?.day ?? null;
}

export async function getLatestListedDays(db: Db, { limit }: { limit: number }): Promise<string[]> {
  const rows = await db
    .selectDistinct({ day: papers.listedOn })
    .from(papers)
    .where(isNotNull(papers.listedOn))
    .orderBy(sql`${papers.listedOn} desc nulls last`)
    .limit(limit);
  return rows.flatMap((r) => (r.day ? [r.day] : []));
}

export async function getListedDayCounts(
  db: Db,
  { start, end }: { start: string; end: string },
): Promise<{ day: string; papers: number }[]> {
  const rows = await db
    .select({ day: papers.listedOn, papers: count() })
    .from(papers)
    .where(listedBetween(start, end))
    .groupBy(papers.listedOn)
    .orderBy(asc(papers.listedOn));
  return rows.flatMap((r) => (r.day ? [{ day: r.day, papers: r.papers }] : []));
}

export async function getPaper(db: Db, { id }: { id: string }): Promise<PaperWithOrg | null> {
  const [row] = await selectPapers(db, eq(papers.id, id)).limit(1);
  return row ? withOrganization(row) : null;
}

export async function getPapersByIds(db: Db, { ids }: { ids: string[] }): Promise<PaperWithOrg[]> {
  if (ids.length === 0) return [];
  const rows = await selectPapers(db, inArray(papers.id, ids));
  const byId = new Map(rows.map((r) => [r.paper.id, withOrganization(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function countPapers(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(papers);
  return row?.n ?? 0;
}

export async function hasCategory(db: Db, { category }: { category: string }): Promise<boolean> {
  const [row] = await db
    .select({ id: papers.id })
    .from(papers)
    .where(sql`${papers.categories} @> array[${category}]::text[]`)
    .limit(1);
  return row !== undefined;
}
