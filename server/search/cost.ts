/**
 * Match counts estimated from pg_stats.most_common_elems, and what each way of reading the matches costs. PostgreSQL's
 * planner guesses prefixes and large ORs far off, and does not know the `search_hashes` test is 50x cheaper than the document.
 */
import type { Access } from "@/db/queries/search/access";
import type { LexemeStats } from "@/db/queries/search/stats";
import { hashTest, type Node } from "@/lib/search/tsquery";

/**
 * Searched-together words correlate ("kv", "cache": 7% of titles each, "kv cache" 5%): independence underestimates, exponential
 * backoff overestimates the others; this takes their geometric mean (exponents 1, 3/4, 5/8…). A short walk measures the real share.
 */
export function conjunction(shares: number[]): number {
  return [...shares].sort((a, b) => a - b).reduce((share, s, i) => share * s ** ((1 + 1 / 2 ** i) / 2), 1);
}

function conjuncts(node: Node): Node[] {
  return node.op === "and" || node.op === "phrase" ? [...conjuncts(node.left), ...conjuncts(node.right)] : [node];
}

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

/** Posting entries a GIN scan reads: an AND with one short list skips through the others ("fast scan"). */
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

export function hashShare(node: Node | null, stats: LexemeStats): number {
  const test = hashTest(node);
  const f = (lexeme: string) => stats.freq.get(lexeme) ?? 0;
  return conjunction([
    ...test.all.map(f),
    ...test.any.map((group) => 1 - group.reduce((none, lexeme) => none * (1 - f(lexeme)), 1)),
    ...test.none.map((lexeme) => 1 - f(lexeme)),
  ]);
}

// Microseconds measured on the benchmark machine (bench/RESULTS.md): row visited in order (table, or papers_walk_idx alone),
// out-of-line document read, GIN posting merged, bitmap match fetched, filter row put in a bitmap.
export const COST = { walkRow: 1.2, walkIndexRow: 0.4, document: 16, posting: 0.035, match: 4, filterBitmap: 0.15 };

export interface AccessChoice {
  access: Access;
  walkRows: number;
  byFilter: boolean;
  walkCost: number;
  ginCost: number;
}

export interface AccessQuestion {
  query: Node | null;
  stats: LexemeStats;
  need: number;
  filterShare: number;
  documentTest: boolean;
  documentRecheck: boolean;
  observedShare?: number;
  coveringWalk?: boolean;
  /** Excluded words the GIN index cannot test: every row holding the words is fetched to be ruled out. */
  excludes?: boolean;
}

export function chooseAccess(q: AccessQuestion): AccessChoice {
  const rows = Math.max(q.stats.rows, 1);
  const estimated = estimateShare(q.query, q.stats);
  const share = Math.max(q.observedShare ?? estimated, 0.5 / rows);
  const passing = q.documentTest ? Math.max(hashShare(q.query, q.stats), share) : 0;
  const filter = Math.min(Math.max(q.filterShare, 1 / rows), 1);
  const filtered = filter * rows;
  // Reaching the rows costs a visit each in order, or else reading all the filter's rows from its own index.
  const walkRows = Math.min(q.need / share, filtered);
  const byFilter = filtered < walkRows / filter;
  const visited = byFilter ? filtered : walkRows / filter;
  const rowCost = q.coveringWalk && !byFilter ? COST.walkIndexRow : COST.walkRow;
  const walkCost = visited * rowCost + walkRows * passing * COST.document;
  // A short walk measured words and exclusions together; the index returns rows holding the words whatever the exclusions say.
  const returned = q.excludes ? Math.max(share, estimated) : share;
  const indexed = (q.documentRecheck ? Math.max(hashShare(q.query, q.stats), returned) : returned) * rows;
  const fetched = filter < 0.5 ? indexed * filter : indexed;
  const ginCost =
    postingShare(q.query, q.stats) * rows * COST.posting +
    (filter < 0.5 ? filtered * COST.filterBitmap : 0) +
    fetched * (COST.match + (q.documentRecheck ? COST.document : 0));
  return { access: walkCost <= ginCost ? "walk" : "gin", walkRows, byFilter, walkCost, ginCost };
}
