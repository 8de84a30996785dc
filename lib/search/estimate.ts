/**
 * How many papers a tsquery matches, estimated from PostgreSQL's own statistics on a document
 * column (pg_stats.most_common_elems), and what each way of reading the matches would cost.
 * The planner cannot make this choice well: its guess for a prefix or an OR of many words is
 * far off, and it does not know that testing a row against `search_hashes` is fifty times
 * cheaper than against the out-of-line document.
 */
import { hashTest, type Node } from "./tsquery";

export interface LexemeStats {
  /** Frequency (share of rows) of each of the most common lexemes. */
  freq: Map<string, number>;
  rows: number;
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
      // AND and phrases: independent words; a phrase is rarer still, which errs towards the index.
      return estimateShare(node.left, stats) * estimateShare(node.right, stats) * (node.op === "phrase" ? 0.5 : 1);
  }
}

/** Index entries a GIN scan reads, as a share of rows: every posting list it must merge. */
export function postingShare(node: Node | null, stats: LexemeStats): number {
  if (!node) return 0;
  if (node.op === "lexeme") return estimateShare(node, stats);
  if (node.op === "not") return 0;
  return postingShare(node.left, stats) + postingShare(node.right, stats);
}

/** Share of rows passing the in-row hash test of a query (its words, ignoring order). */
export function hashShare(node: Node | null, stats: LexemeStats): number {
  const test = hashTest(node);
  const f = (lexeme: string) => stats.freq.get(lexeme) ?? 0;
  let share = 1;
  for (const lexeme of test.all) share *= f(lexeme);
  for (const group of test.any) share *= 1 - group.reduce((none, lexeme) => none * (1 - f(lexeme)), 1);
  for (const lexeme of test.none) share *= 1 - f(lexeme);
  return share;
}

/**
 * Costs in microseconds, measured on the benchmark machine (bench/RESULTS.md): visiting a row
 * in index order and testing in-row columns; reading an out-of-line search document; one GIN
 * posting merged; one bitmap match fetched from the heap.
 */
export const COST = { walkRow: 1.2, document: 14, posting: 0.035, match: 1.5 };

export type Access = "walk" | "gin";

export interface AccessChoice {
  access: Access;
  /** Rows a walk is expected to visit; the walk gives up (and reads the index) at a few times this. */
  walkRows: number;
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
}

/**
 * Walk the order's btree, testing rows until `need` match, or read every match from the GIN
 * index and sort them: whichever is expected to cost less.
 */
export function chooseAccess(q: AccessQuestion): AccessChoice {
  const rows = Math.max(q.stats.rows, 1);
  const share = Math.max(estimateShare(q.query, q.stats), 0.5 / rows);
  const passing = q.documentTest ? Math.max(hashShare(q.query, q.stats), share) : 0;
  const filter = Math.min(Math.max(q.filterShare, 1 / rows), 1);
  // Rows visited in order until enough match; a selective filter is read from its own index.
  const walkRows = Math.min(q.need / (share * filter), rows, filter < 0.05 ? filter * rows * 2 : rows);
  const walkCost = walkRows * (COST.walkRow + passing * COST.document);
  const matches = share * rows;
  const indexed = q.documentRecheck ? hashShare(q.query, q.stats) * rows : matches;
  const ginCost =
    postingShare(q.query, q.stats) * rows * COST.posting +
    indexed * (COST.match + (q.documentRecheck ? COST.document : 0));
  return { access: walkCost <= ginCost ? "walk" : "gin", walkRows, walkCost, ginCost };
}
