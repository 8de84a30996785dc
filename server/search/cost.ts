/**
 * How many papers a tsquery matches, estimated from PostgreSQL's own statistics on a document
 * column (pg_stats.most_common_elems), and what each way of reading the matches would cost.
 * The planner cannot make this choice well: its guess for a prefix or an OR of many words is
 * far off, and it does not know that testing a row against `search_hashes` is fifty times
 * cheaper than against the out-of-line document.
 */
import type { Access } from "@/db/queries/search/access";
import type { LexemeStats } from "@/db/queries/search/stats";
import { hashTest, type Node } from "@/lib/search/tsquery";

/**
 * Share of rows meeting all of several conditions. Words people search together often go
 * together ("kv" and "cache" are in 7% of titles each, "kv cache" in 5%), where multiplying the
 * shares (independence) badly underestimates; taking the rarest in full and the others at
 * their square root, fourth root… (exponential backoff) overestimates words that do not. This
 * takes the geometric mean of the two: exponents 1, 3/4, 5/8, 9/16… A walk that meets fewer
 * matches than expected measures the real share and plans again from there.
 */
export function conjunction(shares: number[]): number {
  return [...shares].sort((a, b) => a - b).reduce((share, s, i) => share * s ** ((1 + 1 / 2 ** i) / 2), 1);
}

/** The operands of a chain of ANDs and phrases. */
function conjuncts(node: Node): Node[] {
  return node.op === "and" || node.op === "phrase" ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

/** Share of rows matching; lexemes outside the statistics count as 0 (they are rare). */
export function estimateShare(node: Node | null, stats: LexemeStats): number {
  if (!node) return 0;
  switch (node.op) {
    case "lexeme": {
      if (!node.prefix) return stats.freq.get(node.lexeme) ?? 0;
      let sum = 0;
      for (const [lexeme, f] of stats.freq) if (lexeme.startsWith(node.lexeme)) sum += f;
      return Math.min(1, sum);
    }
    case "not":
      return 1 - estimateShare(node.arg, stats);
    case "or": {
      const a = estimateShare(node.left, stats);
      const b = estimateShare(node.right, stats);
      return a + b - a * b;
    }
    default:
      // AND, and phrases: the words of a phrase people search for are mostly next to each other.
      return conjunction(conjuncts(node).map((n) => estimateShare(n, stats)));
  }
}

/**
 * Index entries a GIN scan reads, as a share of rows. An OR reads every list; an AND reads them
 * all when each is long, but when one is short GIN skips through the others ("fast scan"), for
 * roughly a segment of each per candidate.
 */
export function postingShare(node: Node | null, stats: LexemeStats): number {
  if (!node) return 0;
  if (node.op === "lexeme") return estimateShare(node, stats);
  if (node.op === "not") return 0;
  if (node.op === "or") return postingShare(node.left, stats) + postingShare(node.right, stats);
  const parts = conjuncts(node);
  const all = parts.reduce((sum, part) => sum + postingShare(part, stats), 0);
  const rarest = Math.min(...parts.map((part) => estimateShare(part, stats)));
  return Math.min(all, rarest * parts.length * 20);
}

/** Share of rows passing the in-row hash test of a query (its words, ignoring order). */
export function hashShare(node: Node | null, stats: LexemeStats): number {
  const test = hashTest(node);
  const f = (lexeme: string) => stats.freq.get(lexeme) ?? 0;
  return conjunction([
    ...test.all.map(f),
    ...test.any.map((group) => 1 - group.reduce((none, lexeme) => none * (1 - f(lexeme)), 1)),
    ...test.none.map((lexeme) => 1 - f(lexeme)),
  ]);
}

/**
 * Costs in microseconds, measured on the benchmark machine (bench/RESULTS.md): visiting a row
 * in index order and testing in-row columns, from the table or (upvote order) from
 * papers_walk_idx alone; reading a row's out-of-line search document; one GIN posting merged;
 * one bitmap match fetched from the table; one filter row put in a bitmap.
 */
export const COST = { walkRow: 1.2, walkIndexRow: 0.4, document: 16, posting: 0.035, match: 4, filterBitmap: 0.15 };

export interface AccessChoice {
  access: Access;
  /** Rows passing the filters that a walk is expected to test before `need` of them match. */
  walkRows: number;
  /** A walk should read the filtered rows through the filter's own index and sort them. */
  byFilter: boolean;
  walkCost: number;
  ginCost: number;
}

export interface AccessQuestion {
  /** The condition rows must meet, as a tsquery tree over the column the stats describe. */
  query: Node | null;
  stats: LexemeStats;
  /** How many matches are wanted, in the walk's order. */
  need: number;
  /** Share of rows the filters (dates, organization, category) let through. */
  filterShare: number;
  /** The test needs the out-of-line document for rows passing the hash test (doc tier, not exact). */
  documentTest: boolean;
  /** The index cannot answer alone: phrases are rechecked against the document. */
  documentRecheck: boolean;
  /** The share of rows that matched in a walk that came up short, which beats any estimate. */
  observedShare?: number;
  /** The walk reads a covering index (upvote order), not the table. */
  coveringWalk?: boolean;
  /**
   * The condition also excludes words, which the GIN index of `query` cannot test: the index
   * returns every row holding the words, and each is fetched to be ruled out.
   */
  excludes?: boolean;
}

/**
 * Walk the order's btree, testing rows until `need` match, or read every match from the GIN
 * index and sort them: whichever is expected to cost less.
 */
export function chooseAccess(q: AccessQuestion): AccessChoice {
  const rows = Math.max(q.stats.rows, 1);
  const estimated = estimateShare(q.query, q.stats);
  const share = Math.max(q.observedShare ?? estimated, 0.5 / rows);
  const passing = q.documentTest ? Math.max(hashShare(q.query, q.stats), share) : 0;
  const filter = Math.min(Math.max(q.filterShare, 1 / rows), 1);
  const filtered = filter * rows;
  // Rows passing the filters tested until enough match; reaching them costs a visit each in
  // order, or else reading all of the filter's rows from its own index.
  const walkRows = Math.min(q.need / share, filtered);
  const byFilter = filtered < walkRows / filter;
  const visited = byFilter ? filtered : walkRows / filter;
  const rowCost = q.coveringWalk && !byFilter ? COST.walkIndexRow : COST.walkRow;
  const walkCost = visited * rowCost + walkRows * passing * COST.document;
  // A walk that saw few matches measured the words and the exclusions together; the index
  // returns the rows holding the words whatever the exclusions say.
  const returned = q.excludes ? Math.max(share, estimated) : share;
  const indexed = (q.documentRecheck ? Math.max(hashShare(q.query, q.stats), returned) : returned) * rows;
  // A filter with an index of its own (dates, organization, category) is ANDed into the bitmap.
  const fetched = filter < 0.5 ? indexed * filter : indexed;
  const ginCost =
    postingShare(q.query, q.stats) * rows * COST.posting +
    (filter < 0.5 ? filtered * COST.filterBitmap : 0) +
    fetched * (COST.match + (q.documentRecheck ? COST.document : 0));
  return { access: walkCost <= ginCost ? "walk" : "gin", walkRows, byFilter, walkCost, ginCost };
}
