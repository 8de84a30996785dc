import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import type { Access } from "@/lib/search/estimate";

/**
 * Reading the rows of one search condition in a fixed order, either way the cost model in
 * lib/search/estimate.ts may choose. Both give the same rows; only the time differs.
 *
 * - walk: follow the order's btree (papers_upvotes_idx, papers_published_idx) through the rows
 *   the filters allow, test each one with `test` (in-row columns first), stop at enough. A walk
 *   visits at most `walkLimit` rows; if that was not enough, the index is read instead.
 * - gin: read every match from a GIN index (`indexed`), then sort them. The planner is told not
 *   to seq-scan or walk, since its estimate of how many rows match is what cannot be trusted.
 */

export type Order = "upvotes" | "newest";

const ORDER_BY: Record<Order, SQL> = {
  upvotes: sql`upvotes desc nulls last, id`,
  newest: sql`published_at desc nulls last, id`,
};

export interface Condition {
  /** Row test for walking, cheapest columns first; never an index condition. */
  test: SQL;
  /** The same rows, written so that a GIN index serves it. */
  indexed: SQL;
  /** Date, organization and category filters (and an excluded id), on in-row columns. */
  filters: SQL;
}

export interface ReadPlan {
  access: Access;
  walkLimit: number;
}

/** Columns the scoring needs; the document stays a TOAST pointer until it is used. */
const COLUMNS = sql`id, upvotes, published_at, search_vector`;

const raw = (n: number) => sql.raw(String(Math.max(0, Math.floor(n))));

function walkQuery(c: Condition, order: Order, count: number, offset: number, walkLimit: number): SQL {
  return sql`select * from (
      select ${COLUMNS}, title_vector, search_hashes from papers where ${c.filters}
      order by ${ORDER_BY[order]} limit ${raw(walkLimit)}
    ) w
    where ${c.test}
    order by ${ORDER_BY[order]} limit ${raw(count)} offset ${raw(offset)}`;
}

function indexQuery(c: Condition, order: Order, count: number, offset: number): SQL {
  return sql`select ${COLUMNS} from papers where ${c.indexed} and ${c.filters}
    order by ${ORDER_BY[order]} limit ${raw(count)} offset ${raw(offset)}`;
}

/** Settings for one transaction: read the GIN index, with room for a large bitmap. */
const INDEX_SETTINGS = sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
  set_config('work_mem', '32MB', true)`;

async function viaIndex<T>(db: Db, read: (tx: Db) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    await tx.execute(INDEX_SETTINGS);
    return read(tx as unknown as Db);
  });
}

/**
 * Runs `shape(rows)` over the matching rows at [offset, offset + count) in `order`, where
 * `rows` is a subquery with the columns id, upvotes, published_at and search_vector.
 */
export async function readMatches<T>(
  db: Db,
  c: Condition,
  order: Order,
  window: { count: number; offset: number },
  plan: ReadPlan,
  shape: (rows: SQL) => SQL,
): Promise<T[]> {
  const { count, offset } = window;
  if (count <= 0) return [];
  if (plan.access === "walk") {
    const found = rowsOf<T>(await db.execute(shape(walkQuery(c, order, count, offset, plan.walkLimit))));
    // Enough rows, or the walk saw every row there is: that is the answer.
    if (found.length === count) return found;
    const [walked] = rowsOf<{ n: number | string }>(
      await db.execute(sql`select count(*) as n from (select 1 from papers where ${c.filters} limit ${raw(plan.walkLimit)}) s`),
    );
    if (Number(walked?.n ?? 0) < plan.walkLimit) return found;
  }
  return viaIndex(db, async (tx) => rowsOf<T>(await tx.execute(shape(indexQuery(c, order, count, offset)))));
}
