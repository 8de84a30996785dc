import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { filterSql, type PaperFilters } from "@/lib/search/filters";
import { phrasePairs } from "@/lib/search/tsquery";
import { ORDER_BY, type Condition, type Order } from "./access";
import { documentTest, exclusionTest, type Compiled } from "./compile";
import { both, sqlCount, sqlList, whole } from "./sql";

// The ranking's SQL, also in docs/search.md: weights A 1.0, B 0.4, C 0.2; 100 upvotes ×1.46, 1000 ×1.69; new ×1.2, a year old ×1.07.
const UPVOTE_WEIGHT = 0.1;
const RECENCY_WEIGHT = 0.2;
const RECENCY_DAYS = 365;

const raw = (n: number) => sql.raw(String(n));

function scoreSql(query: string): SQL {
  return sql`ts_rank(search_vector, ${query}::tsquery)
    * (1 + ${raw(UPVOTE_WEIGHT)} * ln(1 + greatest(upvotes, 0)))
    * (1 + ${raw(RECENCY_WEIGHT)} * coalesce(exp(-greatest(current_date - published_at, 0) / ${raw(RECENCY_DAYS)}.0), 0))`;
}

export type Shape = (rows: SQL) => SQL;

export interface TierSql {
  condition: Condition;
  rank: Shape;
}

export const inOrder =
  (order: Order): Shape =>
  (r) =>
    sql`select id from (${r}) r order by ${ORDER_BY[order]}`;

export function tierSql(compiled: Compiled, filters: SQL): { document: TierSql; phrase: TierSql | null; title: TierSql; rest: TierSql } {
  const { positive, titlePhrase } = compiled;
  const exclusion = exclusionTest(compiled);
  const docTest = both(documentTest(compiled), exclusion);
  const excludedIndexed = whole(exclusion);
  const score = scoreSql(positive);
  const document: TierSql = {
    condition: { ...docTest, indexed: sql`search_vector @@ ${positive}::tsquery and ${excludedIndexed}`, filters },
    rank: (r) => sql`select id from (${r}) c order by ${score} desc, id`,
  };
  const inTitle = sql`title_vector @@ ${positive}::tsquery`;
  const titleTier = (test: SQL, rank: Shape): TierSql => ({
    condition: { ...both({ cheap: test, document: null }, exclusion), indexed: sql`${test} and ${excludedIndexed}`, filters },
    rank,
  });
  const byScore: Shape = (r) => sql`select id from (${r}) c order by ${score} desc, id`;
  if (!titlePhrase) return { document, phrase: null, title: titleTier(inTitle, byScore), rest: restTier(document, inTitle, filters) };
  // Titles holding the query as a phrase come first whatever their votes; then titles holding more of its word pairs in order.
  const inPhrase = sql`title_vector @@ ${titlePhrase}::tsquery`;
  const pairs = phrasePairs(titlePhrase).map((p) => sql`(title_vector @@ ${p}::tsquery)::int`);
  const pairsFirst = pairs.length ? sql`${sql.join(pairs, sql` + `)} desc, ` : sql``;
  return {
    document,
    phrase: titleTier(inPhrase, byScore),
    title: titleTier(sql`${inTitle} and not (${inPhrase})`, (r) => sql`select id from (${r}) c order by ${pairsFirst}${score} desc, id`),
    rest: restTier(document, inTitle, filters),
  };
}

function restTier(document: TierSql, inTitle: SQL, filters: SQL): TierSql {
  return {
    condition: {
      ...both({ cheap: sql`not (${inTitle})`, document: null }, document.condition),
      indexed: sql`${document.condition.indexed} and not (${inTitle})`,
      filters,
    },
    rank: document.rank,
  };
}

export async function listedIds(
  db: Db,
  { filters, order, from, to }: { filters: SQL; order: Order; from: number; to: number },
): Promise<string[]> {
  const rows = await db.execute(
    sql`select id from papers where ${filters} order by ${ORDER_BY[order]} limit ${sqlCount(to - from)} offset ${sqlCount(from)}`,
  );
  return rowsOf<{ id: string }>(rows).map((r) => r.id);
}

export async function countListed(db: Db, { filters, cap }: { filters: SQL; cap: number }): Promise<number> {
  const rows = await db.execute(sql`select count(*) as n from (select 1 from papers where ${filters} limit ${sqlCount(cap + 1)}) m`);
  return Number(rowsOf<{ n: number | string }>(rows)[0]?.n ?? 0);
}

/** An arXiv id typed as a query. */
export async function findById(db: Db, { id, filters = {} }: { id: string; filters?: PaperFilters }): Promise<string[]> {
  const rows = rowsOf<{ id: string }>(await db.execute(sql`select id from papers where id = ${id} and ${filterSql(filters)}`));
  return rows.map((r) => r.id);
}

/** Which of these papers hold every word of the query in their titles. */
export async function titleMatches(db: Db, { ids, query }: { ids: string[]; query: string }): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.execute(sql`select id from papers where id in (${sqlList(ids)}) and title_vector @@ ${query}::tsquery`);
  return new Set(rowsOf<{ id: string }>(rows).map((r) => r.id));
}
