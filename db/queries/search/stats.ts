import { sql, type SQL } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { warnOnce } from "@/lib/log-once";

// What the search cost model (server/search/cost.ts) reads; cached a few minutes.

export type StatsColumn = "search_vector" | "title_vector";

export interface LexemeStats {
  freq: Map<string, number>;
  rows: number;
}

const STATS_TTL_MS = 10 * 60_000;
const cache = globalThis as unknown as {
  __searchStats?: Map<string, { at: number; stats: Promise<LexemeStats | null> }>;
  __searchFilterShares?: Map<string, { at: number; share: Promise<number> }>;
};

/** All-visible pages let walks read papers_walk_idx alone (bench/RESULTS.md: fresh updates halve the slowest searches); the embedded engine has no autovacuum. */
export async function refreshSearchStatistics(db: Db): Promise<void> {
  await db.execute(sql`vacuum (analyze) papers`);
  await db.execute(sql`analyze search_words`);
  cache.__searchStats?.clear();
  cache.__searchFilterShares?.clear();
}

/** In case a driver does not parse array results. */
export function parsePgArray(value: string): string[] {
  return [...value.slice(1, -1).matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)].map((m) => (m[1] ?? m[2] ?? "").replace(/\\(.)/g, "$1"));
}

export function lexemeStats(db: Db, column: StatsColumn): Promise<LexemeStats | null> {
  const stats = (cache.__searchStats ??= new Map());
  const cached = stats.get(column);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.stats;
  const read = db
    .execute(
      sql`select most_common_elems::text as elems, most_common_elem_freqs as freqs,
                 (select reltuples from pg_class where oid = 'papers'::regclass) as rows
          from pg_stats where schemaname = current_schema() and tablename = 'papers' and attname = ${column}`,
    )
    .then((result) => {
      const [row] = rowsOf<{ elems: string | null; freqs: number[] | string | null; rows: number | string }>(result);
      if (!row?.elems || !row.freqs) return null;
      const elems = parsePgArray(row.elems);
      const freqs = (Array.isArray(row.freqs) ? row.freqs : parsePgArray(row.freqs)).map(Number);
      return { rows: Number(row.rows), freq: new Map(elems.map((e, i) => [e, freqs[i] ?? 0])) };
    })
    .catch((error: unknown) => {
      warnOnce("search-stats", `search: could not read the statistics of ${column}; reading the index instead`, error);
      return null;
    });
  stats.set(column, { at: Date.now(), stats: read });
  return read;
}

export function filterShare(db: Db, key: string, filters: SQL): Promise<number> {
  const shares = (cache.__searchFilterShares ??= new Map());
  const cached = shares.get(key);
  if (cached && Date.now() - cached.at < STATS_TTL_MS) return cached.share;
  const share = Promise.all([
    db.execute(sql`explain (format json) select 1 from papers where ${filters}`),
    lexemeStats(db, "search_vector"),
  ])
    .then(([result, stats]) => {
      const value = Object.values(rowsOf<Record<string, unknown>>(result)[0] ?? {})[0];
      const plan = (typeof value === "string" ? JSON.parse(value) : value) as { Plan?: { "Plan Rows"?: number } }[] | null;
      const estimate = plan?.[0]?.Plan?.["Plan Rows"];
      return typeof estimate === "number" && stats && stats.rows > 0 ? Math.min(1, estimate / stats.rows) : 1;
    })
    .catch((error: unknown) => {
      warnOnce("search-filter-share", "search: could not estimate a filter's share of papers; assuming all", error);
      return 1;
    });
  if (shares.size > 1000) shares.clear();
  shares.set(key, { at: Date.now(), share });
  return share;
}
