import { and, getTableColumns, inArray, isNotNull, sql, type SQL } from "drizzle-orm";
import type { Db } from "@/db";
import { organizations, papers, type NewOrganization, type NewPaper } from "@/db/schema";

/** Never users' votes, which only vote rows may change. */
export type IngestedPaper = Omit<NewPaper, "voteCount" | "organizationName" | "createdAt" | "updatedAt"> & {
  organization: NewOrganization | null;
};

export async function idsWithoutArxivData(db: Db, { ids }: { ids: string[] }): Promise<string[]> {
  if (ids.length === 0) return [];
  const done = await db
    .select({ id: papers.id })
    .from(papers)
    .where(and(inArray(papers.id, ids), isNotNull(papers.arxivFetchedAt)));
  const known = new Set(done.map((r) => r.id));
  return ids.filter((id) => !known.has(id));
}

const excluded = (column: string) => sql.raw(`excluded."${column}"`);
const current = (column: string) => sql.raw(`"papers"."${column}"`);

/** Upstream fields are mirrored; arXiv fields are kept when this run did not ask arXiv; listing keeps the first day. */
const refreshed: Record<string, SQL> = {
  title: excluded("title"),
  abstract: sql`case when ${excluded("abstract")} = '' then ${current("abstract")} else ${excluded("abstract")} end`,
  published_at: sql`coalesce(${excluded("published_at")}, ${current("published_at")})`,
  listed_on: sql`least(${current("listed_on")}, ${excluded("listed_on")})`,
  source_upvotes: excluded("source_upvotes"),
  num_comments: excluded("num_comments"),
  thumbnail: excluded("thumbnail"),
  github_repo: excluded("github_repo"),
  github_stars: excluded("github_stars"),
  project_page: excluded("project_page"),
  ai_summary: excluded("ai_summary"),
  ai_keywords: excluded("ai_keywords"),
  submitted_on_daily_at: excluded("submitted_on_daily_at"),
  submitted_by_name: excluded("submitted_by_name"),
  submitted_by_fullname: excluded("submitted_by_fullname"),
  submitted_by_avatar: excluded("submitted_by_avatar"),
  organization_name: excluded("organization_name"),
  authors: sql`case when ${excluded("arxiv_fetched_at")} is null and ${current("arxiv_fetched_at")} is not null
    then ${current("authors")} else ${excluded("authors")} end`,
  author_count: sql`case when ${excluded("arxiv_fetched_at")} is null and ${current("arxiv_fetched_at")} is not null
    then ${current("author_count")} else ${excluded("author_count")} end`,
  categories: sql`coalesce(${excluded("categories")}, ${current("categories")})`,
  primary_category: sql`coalesce(${excluded("primary_category")}, ${current("primary_category")})`,
  pdf_url: sql`coalesce(${excluded("pdf_url")}, ${current("pdf_url")})`,
  arxiv_fetched_at: sql`coalesce(${excluded("arxiv_fetched_at")}, ${current("arxiv_fetched_at")})`,
};

const columnsOf = Object.keys(refreshed);
const setClause = Object.fromEntries(
  Object.entries(getTableColumns(papers)).flatMap(([key, column]) => (column.name in refreshed ? [[key, refreshed[column.name]!]] : [])),
);
// Only rows whose values really change are touched (and counted as updated).
const changed = sql`(${sql.join(columnsOf.map(current), sql`, `)}) is distinct from (${sql.join(
  columnsOf.map((c) => refreshed[c]!),
  sql`, `,
)})`;

const CHUNK = 200;

/** Drizzle wraps the driver's message in one that repeats the whole query. */
export function databaseMessage(error: unknown): string {
  const message = (e: unknown) => (e instanceof Error ? e.message : String(e));
  return error instanceof Error && error.cause instanceof Error ? error.cause.message : message(error);
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function upsertOrganizations(tx: Tx, orgs: NewOrganization[]): Promise<void> {
  await tx
    .insert(organizations)
    .values(orgs)
    .onConflictDoUpdate({
      target: organizations.name,
      set: {
        fullname: sql`coalesce(excluded.fullname, ${organizations.fullname})`,
        avatar: sql`coalesce(excluded.avatar, ${organizations.avatar})`,
        updatedAt: sql`now()`,
      },
      setWhere: sql`(${organizations.fullname}, ${organizations.avatar}) is distinct from
        (coalesce(excluded.fullname, ${organizations.fullname}), coalesce(excluded.avatar, ${organizations.avatar}))`,
    });
}

async function upsertPapers(tx: Tx, rows: NewPaper[]): Promise<{ inserted: number; updated: number }> {
  const written = await tx
    .insert(papers)
    .values(rows)
    .onConflictDoUpdate({ target: papers.id, set: { ...setClause, updatedAt: sql`now()` }, setWhere: changed })
    // xmax is 0 only on a freshly inserted row version.
    .returning({ id: papers.id, inserted: sql<boolean>`(xmax = 0)` });
  const inserted = written.filter((row) => row.inserted).length;
  return { inserted, updated: written.length - inserted };
}

/** One savepoint for all; if refused, one per item, so that a refused item costs only itself. */
async function eachOrAll<T, R>(
  tx: Tx,
  items: T[],
  write: (tx: Tx, items: T[]) => Promise<R>,
): Promise<{ results: R[]; failed: { item: T; reason: string }[] }> {
  try {
    return { results: [await tx.transaction((sp) => write(sp, items))], failed: [] };
  } catch {
    const results: R[] = [];
    const failed: { item: T; reason: string }[] = [];
    for (const item of items) {
      try {
        results.push(await tx.transaction((sp) => write(sp, [item])));
      } catch (error) {
        failed.push({ item, reason: databaseMessage(error) });
      }
    }
    return { results, failed };
  }
}

export interface SavedDay {
  inserted: number;
  updated: number;
  refused: { id: string; reason: string }[];
}

/** A paper the database refuses is left out with the reason; any other error writes nothing of the day. */
export async function saveIngestedDay(db: Db, { papers: incoming }: { papers: IngestedPaper[] }): Promise<SavedDay> {
  if (Object.keys(setClause).length !== columnsOf.length) {
    throw new Error("ingest upsert names a column the papers table does not have");
  }
  return db.transaction(async (tx) => {
    const orgs = new Map(incoming.flatMap((p) => (p.organization ? [[p.organization.name, p.organization]] : [])));
    const refusedOrgs = new Set<string>();
    if (orgs.size > 0) {
      const { failed } = await eachOrAll(tx, [...orgs.values()], upsertOrganizations);
      for (const { item } of failed) refusedOrgs.add(item.name);
    }

    let inserted = 0;
    let updated = 0;
    const refused: SavedDay["refused"] = [];
    for (let start = 0; start < incoming.length; start += CHUNK) {
      const rows: NewPaper[] = incoming.slice(start, start + CHUNK).map(({ organization, ...paper }) => ({
        ...paper,
        organizationName: organization && !refusedOrgs.has(organization.name) ? organization.name : null,
      }));
      const { results, failed } = await eachOrAll(tx, rows, upsertPapers);
      for (const r of results) {
        inserted += r.inserted;
        updated += r.updated;
      }
      for (const { item, reason } of failed) refused.push({ id: item.id, reason });
    }
    return { inserted, updated, refused };
  });
}
