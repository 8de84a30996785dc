import { inArray, sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { papers } from "@/db/schema";
import { WALK_INDEX_COLUMNS } from "@/lib/search/filters";
import { sqlCount, type Test } from "./sql";

/** Walk (follow the order's btree, test each row, stop at enough) or gin (read every match, then sort): same rows, different time; server/search/plan.ts chooses. */

export type Access = "walk" | "gin";

export type Order = "upvotes" | "newest" | "listed";

export const ORDER_BY: Record<Order, SQL> = {
  upvotes: sql`upvotes desc nulls last, id`,
  newest: sql`published_at desc nulls last, id`,
  // papers_listed_rank_idx's order: newest listing day first, each day as its page ranks it.
  listed: sql`listed_on desc nulls last, upvotes desc nulls last, published_at desc nulls last, id`,
};

export interface Condition extends Test {
  indexed: SQL;
  filters: SQL;
}

export interface ReadPlan {
  access: Access;
  walkLimit: number;
  /** With filters: hold the planner to the order's btree (it would rather sort the filter's rows). */
  inOrder: boolean;
  /** After a short walk: estimates of how many rows match can be far off, so decide from what the walk saw. */
  next?: (matched: number, tested: number) => ReadPlan;
  /** Bounded by the search's read budget: what matched among its `walkLimit` rows is the answer, however few. */
  bounded?: boolean;
}

/** The document stays a TOAST pointer until it is used. */
const COLUMNS = sql`id, upvotes, published_at, listed_on, title_vector, search_vector`;
const WALKED = sql.raw(WALK_INDEX_COLUMNS.join(", "));

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

export const INDEX_SETTINGS = sql`select set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true),
  set_config('work_mem', '32MB', true)`;
const ORDER_SETTINGS = sql`select set_config('enable_sort', 'off', true), set_config('enable_bitmapscan', 'off', true)`;

/** One round trip: the settings and the query are sent together. */
export async function withSettings<T>(db: Db, settings: SQL, query: SQL): Promise<T[]> {
  return db.transaction(async (tx) => {
    const [, result] = await Promise.all([tx.execute(settings), tx.execute(query)]);
    return rowsOf<T>(result);
  });
}

/** Where a walk of `limit` rows stopped, to go on from; null when it saw every row. */
async function walkEnd(db: Db, filters: SQL, limit: number): Promise<{ upvotes: number; id: string } | null> {
  const [row] = rowsOf<{ upvotes: number | string; id: string }>(
    await db.execute(
      sql`select upvotes, id from papers where ${filters} order by ${ORDER_BY.upvotes} offset ${sqlCount(limit - 1)} limit 1`,
    ),
  );
  return row ? { upvotes: Number(row.upvotes), id: row.id } : null;
}

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
    const ids = found.map((r) => r.id);
    let tested = first.walkLimit;
    let plan = first.next?.(offset + ids.length, tested);
    if (plan?.bounded && tested >= plan.walkLimit) {
      return tested === plan.walkLimit ? found : run(plan, shape(walkQuery(c.filters, c, order, count, offset, plan.walkLimit)));
    }
    let end = await walkEnd(db, c.filters, first.walkLimit);
    if (!end) return found;
    if (order !== "upvotes" || offset > 0) {
      if (plan?.access === "walk" && !plan.bounded) plan = plan.next?.(offset + ids.length, tested);
      if (plan?.bounded) return run(plan, shape(walkQuery(c.filters, c, order, count, offset, plan.walkLimit)));
      plan = undefined;
    }
    while (end && plan?.access === "walk") {
      const rest: SQL = sql`${c.filters} and upvotes <= ${end.upvotes} and (upvotes < ${end.upvotes} or id > ${end.id})`;
      // A bounded walk's limit counts from the first row.
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

export async function boundedMatches(db: Db, c: Condition, rows: number, inOrder: boolean): Promise<string[]> {
  const query = sql`select id from (${walkQuery(c.filters, c, "upvotes", rows, 0, rows)}) m`;
  const found = inOrder ? await withSettings<{ id: string }>(db, ORDER_SETTINGS, query) : rowsOf<{ id: string }>(await db.execute(query));
  return found.map((r) => r.id);
}

export async function shapeRows<T>(db: Db, ids: string[], shape: (rows: SQL) => SQL): Promise<T[]> {
  return ids.length ? rowsOf<T>(await db.execute(shape(sql`select ${COLUMNS} from papers where ${inArray(papers.id, ids)}`))) : [];
}

/** Counted up to `cap` (more is reported as cap + 1). */
export async function countMatches(db: Db, c: Condition, cap: number): Promise<number> {
  const [row] = await withSettings<{ n: number | string }>(
    db,
    INDEX_SETTINGS,
    sql`select count(*) as n from (select 1 from papers where ${c.indexed} and ${c.filters} limit ${sqlCount(cap + 1)}) m`,
  );
  return Number(row?.n ?? 0);
}
