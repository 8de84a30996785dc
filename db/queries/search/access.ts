import { inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { papers } from "@/db/schema";
import { WALK_INDEX_COLUMNS } from "@/lib/search/filters";
import { sqlCount, type Test } from "./sql";

/**
 * Reading the rows of one search condition in a fixed order, either way the planner
 * (server/search/plan.ts) may choose. Both give the same rows; only the time differs.
 *
 * - walk: follow the order's btree through the rows the filters allow, test each one, stop at
 *   enough. In upvote order that is papers_walk_idx, which holds every column the `cheap` test
 *   and the filters read, so rows it rules out never leave the index; `document` is asked only
 *   of the rows that pass. A walk tests at most `walkLimit` rows; if that was not enough, `next`
 *   decides from what it saw (go on from there, or read the index), since estimates of how many
 *   rows match can be far off.
 * - gin: read every match from a GIN index (`indexed`), then sort them. The planner is told not
 *   to seq-scan or walk, since its estimate of how many rows match is what cannot be trusted.
 */

/** The two ways to read a condition's rows. */
export type Access = "walk" | "gin";

export type Order = "upvotes" | "newest" | "listed";

export const ORDER_BY: Record<Order, SQL> = {
  upvotes: sql`upvotes desc nulls last, id`,
  newest: sql`published_at desc nulls last, id`,
  // papers_listed_rank_idx's order: newest listing day first, each day as its page ranks it.
  listed: sql`listed_on desc nulls last, upvotes desc nulls last, published_at desc nulls last, id`,
};

export interface Condition extends Test {
  /** The same rows, written so that a GIN index serves it. */
  indexed: SQL;
  /** The filters (lib/search/filters.ts) as one condition. */
  filters: SQL;
}

export interface ReadPlan {
  access: Access;
  walkLimit: number;
  /** With filters: hold the planner to the order's btree (it would rather sort the filter's rows). */
  inOrder: boolean;
  /** After a walk that came up short, what to do given how many of the rows it tested matched. */
  next?: (matched: number, tested: number) => ReadPlan;
  /**
   * A walk bounded by design (the search's read budget): its `walkLimit` rows are all it reads,
   * and what matched among them is the answer, however few.
   */
  bounded?: boolean;
}

/** Columns the ranking needs; the document stays a TOAST pointer until it is used. */
const COLUMNS = sql`id, upvotes, published_at, listed_on, title_vector, search_vector`;
/** What papers_walk_idx holds (migration 0005): a walk in upvote order reads nothing else. */
const WALKED = sql.raw(WALK_INDEX_COLUMNS.join(", "));

/**
 * The inner query reads at most `walkLimit` rows in order (index-only, in upvote order); `cheap`
 * filters them there; each row left fetches its document (a TOAST pointer until `document` or
 * the ranking reads it) through the primary key.
 */
function walkQuery(filters: SQL, c: Test, order: Order, count: number, offset: number, walkLimit: number): SQL {
  return sql`select w.id, w.upvotes, w.published_at, w.listed_on, w.title_vector, d.search_vector from (
      select ${WALKED} from papers where ${filters}
      order by ${ORDER_BY[order]} limit ${sqlCount(walkLimit)}
    ) w
    cross join lateral (select search_vector from papers d where d.id = w.id) d
    where ${c.cheap}${c.document ? sql` and ${c.document}` : sql``}
    order by ${ORDER_BY[order]} limit ${sqlCount(count)} offset ${sqlCount(offset)}`;
}

function indexQuery(c: Condition, order: Order, count: number, offset: number): SQL {
  return sql`select ${COLUMNS} from papers where ${c.indexed} and ${c.filters}
    order by ${ORDER_BY[order]} limit ${sqlCount(count)} offset ${sqlCount(offset)}`;
}

/** Settings for one transaction: read the GIN index, with room for a large bitmap. */
export const INDEX_SETTINGS = sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
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
 * The last row a walk of `limit` rows (in upvote order) tested, to go on from; null when fewer
 * rows than that pass the filters, so the walk saw them all.
 */
async function walkEnd(db: Db, filters: SQL, limit: number): Promise<{ upvotes: number; id: string } | null> {
  const [row] = rowsOf<{ upvotes: number | string; id: string }>(
    await db.execute(
      sql`select upvotes, id from papers where ${filters} order by ${ORDER_BY.upvotes} offset ${sqlCount(limit - 1)} limit 1`,
    ),
  );
  return row ? { upvotes: Number(row.upvotes), id: row.id } : null;
}

/**
 * Runs `shape(rows)` over the matching rows at [offset, offset + count) in `order`, where
 * `rows` is a subquery with the columns id, upvotes, published_at, listed_on, title_vector and search_vector.
 */
export async function readMatches<T extends { id: string }>(
  db: Db,
  c: Condition,
  order: Order,
  window: { count: number; offset: number },
  first: ReadPlan,
  shape: (rows: SQL) => SQL,
): Promise<T[]> {
  const { count, offset } = window;
  if (count <= 0) return [];
  const run = (plan: ReadPlan, query: SQL) =>
    plan.inOrder ? withSettings<T>(db, ORDER_SETTINGS, query) : db.execute(query).then((r) => rowsOf<T>(r));
  if (first.access === "walk") {
    const found = await run(first, shape(walkQuery(c.filters, c, order, count, offset, first.walkLimit)));
    if (found.length === count || first.bounded) return found;
    // Short: either the walk saw every row there is, or it goes on from where it stopped
    // (upvote order, from the first match), or the index is read after all, or (past the read
    // budget) the search is answered from the first rows of the order alone.
    const ids = found.map((r) => r.id);
    let tested = first.walkLimit;
    let plan = first.next?.(offset + ids.length, tested);
    // Bounded, and already as far as the bound (or past it: then again, to the bound alone).
    if (plan?.bounded && tested >= plan.walkLimit) {
      return tested === plan.walkLimit ? found : run(plan, shape(walkQuery(c.filters, c, order, count, offset, plan.walkLimit)));
    }
    let end = await walkEnd(db, c.filters, first.walkLimit);
    if (!end) return found;
    if (order !== "upvotes" || offset > 0) {
      // A window further on cannot go on from where the walk stopped: it reads the index, or,
      // past the read budget, walks the bounded rows.
      if (plan?.access === "walk" && !plan.bounded) plan = plan.next?.(offset + ids.length, tested);
      if (plan?.bounded) return run(plan, shape(walkQuery(c.filters, c, order, count, offset, plan.walkLimit)));
      plan = undefined;
    }
    while (end && plan?.access === "walk") {
      const rest: SQL = sql`${c.filters} and upvotes <= ${end.upvotes} and (upvotes < ${end.upvotes} or id > ${end.id})`;
      // A bounded walk's limit counts from the first row: it goes on only as far as that (or,
      // when the walks already went past it, reads again to the bound alone).
      const limit = plan.bounded ? plan.walkLimit - tested : plan.walkLimit;
      if (limit < 0) return run(plan, shape(walkQuery(c.filters, c, order, count, 0, plan.walkLimit)));
      if (limit === 0) break;
      const more = await run(plan, sql`select id from (${walkQuery(rest, c, order, count - ids.length, 0, limit)}) m`);
      ids.push(...more.map((r) => r.id));
      tested += limit;
      end = ids.length < count ? await walkEnd(db, rest, limit) : null;
      if (!end || plan.bounded) return shapeRows<T>(db, ids, shape);
      plan = plan.next?.(ids.length, tested);
    }
    if (plan?.bounded) return shapeRows<T>(db, ids, shape);
  }
  return withSettings<T>(db, INDEX_SETTINGS, shape(indexQuery(c, order, count, offset)));
}

/**
 * Every match among the first `rows` rows (passing the filters) in upvote order: a tier the read
 * budget bounded, read once and then served from memory.
 */
export async function boundedMatches(db: Db, c: Condition, rows: number, inOrder: boolean): Promise<string[]> {
  const query = sql`select id from (${walkQuery(c.filters, c, "upvotes", rows, 0, rows)}) m`;
  const found = inOrder ? await withSettings<{ id: string }>(db, ORDER_SETTINGS, query) : rowsOf<{ id: string }>(await db.execute(query));
  return found.map((r) => r.id);
}

/** `shape(rows)` over the papers `ids`, where `rows` is a subquery with the ranking's columns. */
export async function shapeRows<T>(db: Db, ids: string[], shape: (rows: SQL) => SQL): Promise<T[]> {
  return ids.length ? rowsOf<T>(await db.execute(shape(sql`select ${COLUMNS} from papers where ${inArray(papers.id, ids)}`))) : [];
}

/** How many rows meet `c`, counted up to `cap` (more is reported as cap + 1), through the GIN index. */
export async function countMatches(db: Db, c: Condition, cap: number): Promise<number> {
  const [row] = await withSettings<{ n: number | string }>(
    db,
    INDEX_SETTINGS,
    sql`select count(*) as n from (select 1 from papers where ${c.indexed} and ${c.filters} limit ${sqlCount(cap + 1)}) m`,
  );
  return Number(row?.n ?? 0);
}
