import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import type { Access } from "@/lib/search/estimate";

/**
 * Reading the rows of one search condition in a fixed order, either way the cost model in
 * lib/search/estimate.ts may choose. Both give the same rows; only the time differs.
 *
 * - walk: follow the order's btree (papers_upvotes_idx, papers_published_idx) through the rows
 *   the filters allow, test each one with `test` (in-row columns first), stop at enough. A walk
 *   tests at most `walkLimit` rows; if that was not enough, `next` decides from what it saw
 *   (walk further, or read the index), since estimates of how many rows match can be far off.
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
  /** With filters: hold the planner to the order's btree (it would rather sort the filter's rows). */
  inOrder: boolean;
  /** After a walk that came up short, what to do given how many of the rows it tested matched. */
  next?: (matched: number, tested: number) => ReadPlan;
}

/** Per request: whether at most `limit` rows pass the filters (so a walk that far saw them all). */
export type Exhausted = (limit: number) => Promise<boolean>;

export function exhaustion(db: Db, filters: SQL): Exhausted {
  const known = new Map<number, Promise<boolean>>();
  return (limit) => {
    let answer = known.get(limit);
    if (!answer) {
      answer = db
        .execute(sql`select count(*) as n from (select 1 from papers where ${filters} limit ${raw(limit)}) s`)
        .then((result) => Number(rowsOf<{ n: number | string }>(result)[0]?.n ?? 0) < limit);
      known.set(limit, answer);
    }
    return answer;
  };
}

/** Columns the ranking needs; the document stays a TOAST pointer until it is used. */
const COLUMNS = sql`id, upvotes, published_at, title_vector, search_vector`;

const raw = (n: number) => sql.raw(String(Math.max(0, Math.floor(n))));

function walkQuery(c: Condition, order: Order, count: number, offset: number, walkLimit: number): SQL {
  return sql`select * from (
      select ${COLUMNS}, search_hashes from papers where ${c.filters}
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
/** Settings for one transaction: follow the order's btree, filtering as it goes, never sort. */
const ORDER_SETTINGS = sql`select set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)`;

/** Runs `query` with `settings` in one transaction, the two sent together (one round trip). */
export async function withSettings<T>(db: Db, settings: SQL, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    const [, result] = await Promise.all([tx.execute(settings), tx.execute(query)]);
    return rowsOf<T>(result);
  });
}

/**
 * Runs `shape(rows)` over the matching rows at [offset, offset + count) in `order`, where
 * `rows` is a subquery with the columns id, upvotes, published_at, title_vector and search_vector.
 */
export async function readMatches<T>(
  db: Db,
  c: Condition,
  order: Order,
  window: { count: number; offset: number },
  first: ReadPlan,
  shape: (rows: SQL) => SQL,
  exhausted: Exhausted,
): Promise<T[]> {
  const { count, offset } = window;
  if (count <= 0) return [];
  let plan: ReadPlan = first;
  while (plan.access === "walk") {
    const query = shape(walkQuery(c, order, count, offset, plan.walkLimit));
    const found = plan.inOrder ? await withSettings<T>(db, ORDER_SETTINGS, query) : rowsOf<T>(await db.execute(query));
    // Enough rows, or the walk saw every row there is: that is the answer.
    if (found.length === count || (await exhausted(plan.walkLimit))) return found;
    const matched = found.length > 0 ? offset + found.length : 0;
    plan = plan.next?.(matched, plan.walkLimit) ?? { access: "gin", walkLimit: 0, inOrder: false };
  }
  return withSettings<T>(db, INDEX_SETTINGS, shape(indexQuery(c, order, count, offset)));
}
