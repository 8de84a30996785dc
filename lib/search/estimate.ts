/**
 * How many papers a tsquery matches, estimated from PostgreSQL's own statistics on the document
 * column (pg_stats.most_common_elems). The planner's estimate is poor for prefixes (`compres:*`
 * is assumed to match 0.5% of rows however rare it is), and choosing wrongly between "walk the
 * most-upvoted papers" and "read the index" costs seconds at a million papers.
 */

export interface LexemeStats {
  /** Frequency (share of rows) of each of the most common lexemes. */
  freq: Map<string, number>;
  rows: number;
}

type Node =
  | { op: "lexeme"; lexeme: string; prefix: boolean }
  | { op: "not"; arg: Node }
  | { op: "and" | "or" | "phrase"; left: Node; right: Node };

/** Parses tsquery output text: `'a':* & !( 'b' | 'c' <-> 'd' )`. Precedence: ! > <-> > & > |. */
export function parseTsquery(text: string): Node | null {
  const tokens = text.match(/'(?:[^']|'')*'(?::\*?[A-D]*)?|<\d+>|<->|[!&|()]/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const operand = (): Node | null => {
    const t = tokens[at++];
    if (t === undefined) return null;
    if (t === "!") {
      const arg = operand();
      return arg && { op: "not", arg };
    }
    if (t === "(") {
      const inner = or();
      at += 1; // ")"
      return inner;
    }
    const m = /^'((?:[^']|'')*)'(:(\*)?[A-D]*)?$/.exec(t);
    return m ? { op: "lexeme", lexeme: (m[1] ?? "").replace(/''/g, "'"), prefix: Boolean(m[3]) } : null;
  };
  const binary = (next: () => Node | null, ops: RegExp, op: "and" | "or" | "phrase") => (): Node | null => {
    let left = next();
    while (left && ops.test(peek() ?? "")) {
      at += 1;
      const right = next();
      if (!right) return left;
      left = { op, left, right };
    }
    return left;
  };
  const phrase = binary(operand, /^<(\d+|-)>$/, "phrase");
  const and = binary(phrase, /^&$/, "and");
  const or = binary(and, /^\|$/, "or");
  return or();
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
