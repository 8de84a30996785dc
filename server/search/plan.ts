import "server-only";
import type { Db } from "@/db";
import { boundedMatches, countMatches, readMatches, shapeRows, type Order, type ReadPlan, type Access } from "@/db/queries/search/access";
import { compile, type Compiled } from "@/db/queries/search/compile";
import { filterShare, lexemeStats, type StatsColumn } from "@/db/queries/search/stats";
import { countListed, inOrder, listedIds, tierSql, type Shape, type TierSql } from "@/db/queries/search/tiers";
import { filterKey, filterSql, isFiltered, walkCarries, type PaperFilters } from "@/lib/search/filters";
import type { SearchSort } from "@/lib/search/query-string";
import { parseQuery, type ParsedQuery } from "@/lib/search/syntax";
import { hashTest, type Node } from "@/lib/search/tsquery";
import { chooseAccess, estimateShare } from "./cost";

// Relevance (docs/search.md): titles holding the query as a phrase, other title matches, then other matches; in each tier the CANDIDATES most upvoted by score, then the
// rest by upvotes. A pure function of the data, so pages never overlap or skip, and every tier reads in upvote order.
export const CANDIDATES = 100;
/** A walk tests at least this many rows before it gives up: few enough to cost a couple of ms. */
const MIN_WALK = 2_000;
// Past `cost` (µs, cost model's estimate) a tier is answered from its first `rows` papers instead: e.g. words in nearly every
// paper with exclusions ruling nearly all out, or a dozen common words that hardly ever meet.
export const READ_BUDGET = { cost: 30_000, rows: 5_000 };

/** Test hook: force one access path; a small `walkLimit` makes every walk come up short and resume. */
export interface SearchInternals {
  access?: Access;
  walkLimit?: number;
  readBudget?: { cost: number; rows: number };
}

interface Tier extends TierSql {
  node: Node;
  column: StatsColumn;
  /** The in-row test is not the whole story: rows that pass it are read in full. */
  documentTest: boolean;
  /** The GIN index returns candidates that must be rechecked against the document. */
  documentRecheck: boolean;
}

const hasPhrase = (node: Node | null): boolean =>
  !!node &&
  node.op !== "lexeme" &&
  (node.op === "phrase" || (node.op === "not" ? hasPhrase(node.arg) : hasPhrase(node.left) || hasPhrase(node.right)));

export type FindOrder = SearchSort | "listed";

export interface FindQuery {
  query: ParsedQuery;
  filters?: PaperFilters;
  order?: FindOrder;
}

export interface MatchCount {
  count: number;
  exact: boolean;
}

export interface Finder {
  window(from: number, to: number): Promise<string[]>;
  count(options?: { cap?: number; exact?: boolean }): Promise<MatchCount>;
  compiled: Compiled | null;
  bounded(): number | null;
}

const NOTHING: Finder = { compiled: null, window: async () => [], count: async () => ({ count: 0, exact: true }), bounded: () => null };

/** Counted exactly below this many expected matches (a short GIN list), estimated above it. */
const COUNT_EXACTLY_BELOW = 5_000;

async function countOrEstimate(
  estimate: number | null,
  { cap = COUNT_EXACTLY_BELOW, exact = false }: { cap?: number; exact?: boolean },
  countExactly: (cap: number) => Promise<number>,
): Promise<MatchCount> {
  if (!exact && estimate !== null && estimate >= COUNT_EXACTLY_BELOW) return { count: Math.round(estimate), exact: false };
  const counted = await countExactly(cap);
  return counted > cap ? { count: Math.max(cap + 1, Math.round(estimate ?? 0)), exact: false } : { count: counted, exact: true };
}

/** No highlighting, spelling correction or look-ahead for another page: callers add what they need. */
export async function findPaperIds(
  db: Db,
  { window, query, ...rest }: Omit<FindQuery, "query"> & { query: string; window: { offset: number; limit: number } },
  internals: SearchInternals = {},
): Promise<string[]> {
  const finder = await prepareFind(db, { ...rest, query: parseQuery(query) }, internals);
  return finder.window(window.offset, window.offset + window.limit);
}

export async function prepareFind(
  db: Db,
  { query: parsed, filters = {}, order = "relevance" }: FindQuery,
  internals: SearchInternals = {},
): Promise<Finder> {
  const filtered = isFiltered(filters);
  const where = filterSql(filters);
  if (parsed.groups.length === 0) {
    if (!filtered) return NOTHING;
    const byOrder: Order = order === "relevance" ? "newest" : order;
    const stats = await lexemeStats(db, "search_vector");
    const listingShare = await filterShare(db, filterKey(filters), where);
    return {
      compiled: null,
      bounded: () => null,
      count: (options = {}) =>
        countOrEstimate(stats ? listingShare * stats.rows : null, options, (cap) => countListed(db, { filters: where, cap })),
      window: (from, to) => listedIds(db, { filters: where, order: byOrder, from, to }),
    };
  }
  const share = filtered ? await filterShare(db, filterKey(filters), where) : 1;
  const finder = await prepareSearch(
    db,
    parsed,
    { filters: where, filtered, filterShare: share, coveringFilters: walkCarries(filters), order },
    internals,
  );
  return finder ?? NOTHING;
}

interface EngineOptions {
  filters: ReturnType<typeof filterSql>;
  filtered: boolean;
  filterShare: number;
  /** papers_walk_idx carries every filter's column, so an upvote-order walk stays in the index. */
  coveringFilters: boolean;
  order: FindOrder;
}

async function prepareSearch(db: Db, parsed: ParsedQuery, options: EngineOptions, internals: SearchInternals): Promise<Finder | null> {
  const compiled = await compile(db, parsed);
  return compiled ? prepareCompiled(db, compiled, options, internals) : null;
}

async function prepareCompiled(db: Db, compiled: Compiled, options: EngineOptions, internals: SearchInternals): Promise<Finder> {
  const { filters, filtered, order: sort } = options;
  const [docStats, titleStats] = await Promise.all([lexemeStats(db, "search_vector"), lexemeStats(db, "title_vector")]);
  const { positiveNode } = compiled;
  const sqlOf = tierSql(compiled, filters);

  const budget = internals.readBudget ?? READ_BUDGET;
  /** Tiers the budget bounded: every later read of one is bounded the same way, so pages agree. */
  const boundedTiers = new Set<Tier>();
  const boundedPlan: ReadPlan = { access: "walk", walkLimit: budget.rows, inOrder: filtered, bounded: true };

  const plan = (tier: Tier, need: number, order: Order = "upvotes"): ReadPlan => {
    const stats = tier.column === "title_vector" ? titleStats : docStats;
    if (internals.access) {
      const forced: ReadPlan = {
        access: internals.access,
        walkLimit: internals.walkLimit ?? 1_000_000_000,
        inOrder: filtered,
        next: () => forced,
      };
      return forced;
    }
    if (!stats) return { access: "gin", walkLimit: 0, inOrder: false };
    const ask = (observedShare?: number, last = false): ReadPlan => {
      if (boundedTiers.has(tier)) return boundedPlan;
      const choice = chooseAccess({
        query: tier.node,
        stats,
        need,
        filterShare: options.filterShare,
        documentTest: tier.documentTest,
        documentRecheck: tier.documentRecheck,
        observedShare,
        coveringWalk: order === "upvotes" && options.coveringFilters,
        excludes: !!compiled.excludedNode,
      });
      if ((last ? choice.ginCost : Math.min(choice.walkCost, choice.ginCost)) > budget.cost) {
        boundedTiers.add(tier);
        return boundedPlan;
      }
      if (last || choice.access === "gin") return { access: "gin", walkLimit: 0, inOrder: false };
      const sized = Math.ceil(Math.max(2 * choice.walkRows, MIN_WALK));
      return {
        access: "walk",
        // A first walk goes no further than the budget's rows (or ten for each match wanted): an
        // estimate far off costs at most that before the walk measures the real share.
        walkLimit: observedShare === undefined ? Math.min(sized, Math.max(budget.rows, 10 * need)) : sized,
        inOrder: filtered && !choice.byFilter,
        next: (matched, walked) => ask(Math.max(matched, 0.5) / walked, observedShare !== undefined),
      };
    };
    return ask();
  };

  const docTier: Tier = {
    ...sqlOf.document,
    node: positiveNode,
    column: "search_vector",
    documentTest: true,
    documentRecheck: hasPhrase(positiveNode),
  };

  const bounded = () => (boundedTiers.size > 0 ? budget.rows : null);

  const matching: Node = compiled.excludedNode
    ? { op: "and", left: positiveNode, right: { op: "not", arg: compiled.excludedNode } }
    : positiveNode;
  const count: Finder["count"] = (countOptions = {}) =>
    countOrEstimate(docStats ? estimateShare(matching, docStats) * docStats.rows * options.filterShare : null, countOptions, (cap) =>
      countMatches(db, docTier.condition, cap),
    );

  if (sort !== "relevance") {
    const order: Order = sort;
    return {
      compiled,
      count,
      bounded,
      async window(from, to) {
        const window = { count: to - from, offset: from };
        const rows = await readMatches<{ id: string }>(db, docTier.condition, order, window, plan(docTier, to, order), inOrder(order));
        return rows.map((r) => r.id);
      },
    };
  }

  const titleTier = (tier: TierSql): Tier => ({
    ...tier,
    node: positiveNode,
    column: "title_vector",
    documentTest: !!compiled.excludedNode && !hashTest({ op: "not", arg: compiled.excludedNode }).exact,
    documentRecheck: false,
  });
  const tiers: Tier[] = [...(sqlOf.phrase ? [titleTier(sqlOf.phrase)] : []), titleTier(sqlOf.title), { ...docTier, ...sqlOf.rest }];

  const byUpvotes = inOrder("upvotes");
  const boundedIds = new Map<Tier, Promise<string[]>>();
  const read = async (tier: Tier, window: { count: number; offset: number }, shape: Shape): Promise<string[]> => {
    const first = plan(tier, window.offset + window.count);
    if (!first.bounded) return (await readMatches<{ id: string }>(db, tier.condition, "upvotes", window, first, shape)).map((r) => r.id);
    let ids = boundedIds.get(tier);
    if (!ids) boundedIds.set(tier, (ids = boundedMatches(db, tier.condition, budget.rows, filtered)));
    const slice = (await ids).slice(window.offset, window.offset + window.count);
    return (await shapeRows<{ id: string }>(db, slice, shape)).map((r) => r.id);
  };

  const tierWindow = async (tier: Tier, from: number, to: number): Promise<{ ids: string[]; size: number | null }> => {
    const out: string[] = [];
    if (from < CANDIDATES) {
      const ranked = await read(tier, { count: CANDIDATES, offset: 0 }, tier.rank);
      out.push(...ranked.slice(from, to));
      if (ranked.length < CANDIDATES) return { ids: out, size: ranked.length };
      if (to <= CANDIDATES) return { ids: out, size: null };
    }
    const start = Math.max(from, CANDIDATES);
    const tail = await read(tier, { count: to - start, offset: start }, byUpvotes);
    out.push(...tail);
    if (tail.length === to - start) return { ids: out, size: null };
    if (tail.length > 0 || from < CANDIDATES) return { ids: out, size: start + tail.length };
    const all = await read(tier, { count: start, offset: 0 }, byUpvotes);
    return { ids: out, size: all.length };
  };

  return {
    compiled,
    count,
    bounded,
    async window(from, to) {
      const out: string[] = [];
      let start = 0;
      for (const tier of tiers) {
        if (start >= to) break;
        const part = await tierWindow(tier, Math.max(0, from - start), to - start);
        out.push(...part.ids);
        if (part.size === null) break;
        start += part.size;
      }
      return out;
    },
  };
}
