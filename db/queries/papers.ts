import { and, asc, count, desc, eq, getTableColumns, gt, gte, inArray, lt, lte, max, min, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { organizations, papers, type Organization, type Paper } from "@/db/schema";

export type PaperSort = "trending" | "publishedAt";

/** A paper as pages and the API use it: without the search columns, which only search reads. */
export type PaperFields = Omit<Paper, SearchColumn>;

export interface PaperWithOrg extends PaperFields {
  organization: Pick<Organization, "name" | "fullname" | "avatar"> | null;
}

type SearchColumn = "searchVector" | "titleVector" | "searchHashes";
const searchColumns = new Set<string>(["searchVector", "titleVector", "searchHashes"] satisfies SearchColumn[]);
// The search columns (a 2 KB document among them) are dropped from every read but search's own.
export const paperFields = Object.fromEntries(
  Object.entries(getTableColumns(papers)).filter(([key]) => !searchColumns.has(key)),
) as Omit<ReturnType<typeof getTableColumns<typeof papers>>, SearchColumn>;

const paperColumns = {
  paper: paperFields,
  organization: {
    name: organizations.name,
    fullname: organizations.fullname,
    avatar: organizations.avatar,
  },
};

function withOrg(row: { paper: PaperFields; organization: PaperWithOrg["organization"] }): PaperWithOrg {
  return { ...row.paper, organization: row.organization?.name ? row.organization : null };
}

const rankOrder = {
  // Mirrors papers_listed_rank_idx so a day's page is read straight off the index.
  trending: [desc(papers.upvotes), sql`${papers.publishedAt} desc nulls last`, asc(papers.id)],
  publishedAt: [sql`${papers.publishedAt} desc nulls last`, desc(papers.upvotes), asc(papers.id)],
} as const;

/** Papers listed on the days from `start` to `end` (inclusive), ranked. */
export async function getListedPapers({
  start,
  end,
  sort = "trending",
  limit = 100,
  offset = 0,
}: {
  start: string;
  end: string;
  sort?: PaperSort;
  limit?: number;
  offset?: number;
}): Promise<PaperWithOrg[]> {
  const db = await getDb();
  const rows = await db
    .select(paperColumns)
    .from(papers)
    .leftJoin(organizations, eq(papers.organizationName, organizations.name))
    .where(start === end ? eq(papers.listedOn, start) : and(gte(papers.listedOn, start), lte(papers.listedOn, end)))
    .orderBy(...rankOrder[sort])
    .limit(limit)
    .offset(offset);
  return rows.map(withOrg);
}

export async function countListedPapers({ start, end }: { start: string; end: string }): Promise<number> {
  const db = await getDb();
  const [row] = await db
    .select({ n: count() })
    .from(papers)
    .where(and(gte(papers.listedOn, start), lte(papers.listedOn, end)));
  return row?.n ?? 0;
}

/** The most recent day that has papers listed, or null for an empty store. */
export async function getLatestListedDay(): Promise<string | null> {
  const db = await getDb();
  const [row] = await db.select({ day: max(papers.listedOn) }).from(papers);
  return row?.day ?? null;
}

/** The nearest days with papers before `start` and after `end`. */
export async function getNeighborDays({ start, end }: { start: string; end: string }) {
  const db = await getDb();
  const [[before], [after]] = await Promise.all([
    db.select({ day: max(papers.listedOn) }).from(papers).where(lt(papers.listedOn, start)),
    db.select({ day: min(papers.listedOn) }).from(papers).where(gt(papers.listedOn, end)),
  ]);
  return { previous: before?.day ?? null, next: after?.day ?? null };
}

export async function getPaper({ id }: { id: string }): Promise<PaperWithOrg | null> {
  const db = await getDb();
  const [row] = await db
    .select(paperColumns)
    .from(papers)
    .leftJoin(organizations, eq(papers.organizationName, organizations.name))
    .where(eq(papers.id, id))
    .limit(1);
  return row ? withOrg(row) : null;
}

/** Papers by id, in the order of `ids`; unknown ids are left out. */
export async function getPapersByIds({ ids }: { ids: string[] }): Promise<PaperWithOrg[]> {
  if (ids.length === 0) return [];
  const db = await getDb();
  const rows = await db
    .select(paperColumns)
    .from(papers)
    .leftJoin(organizations, eq(papers.organizationName, organizations.name))
    .where(inArray(papers.id, ids));
  const byId = new Map(rows.map((r) => [r.paper.id, withOrg(r)]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

export async function countPapers(): Promise<number> {
  const db = await getDb();
  const [row] = await db.select({ n: count() }).from(papers);
  return row?.n ?? 0;
}
