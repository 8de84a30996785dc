export type Node =
  { op: "lexeme"; lexeme: string; prefix: boolean } | { op: "not"; arg: Node } | { op: "and" | "or" | "phrase"; left: Node; right: Node };

const unquote = (quoted: string) => quoted.replace(/''/g, "'").replace(/\\(.)/g, "$1");

/** Precedence: ! > <-> > & > |. */
export function parseTsquery(text: string): Node | null {
  const tokens = text.match(/'(?:[^'\\]|''|\\.)*'(?::\*?[A-D]*)?|<\d+>|<->|[!&|()]/g) ?? [];
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
    const m = /^'((?:[^'\\]|''|\\.)*)'(:(\*)?[A-D]*)?$/.exec(t);
    return m ? { op: "lexeme", lexeme: unquote(m[1] ?? ""), prefix: Boolean(m[3]) } : null;
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

export function lexemesOf(node: Node | null, out = new Set<string>()): Set<string> {
  if (!node) return out;
  if (node.op === "lexeme") out.add(node.lexeme);
  else if (node.op === "not") lexemesOf(node.arg, out);
  else {
    lexemesOf(node.left, out);
    lexemesOf(node.right, out);
  }
  return out;
}

/** `exact` when passing is matching (AND, OR, NOT of words); phrases and prefixes still need the document. */
export interface HashTest {
  all: string[];
  any: string[][];
  none: string[];
  exact: boolean;
}

function alternatives(node: Node): string[] | null {
  if (node.op === "lexeme") return node.prefix ? null : [node.lexeme];
  if (node.op !== "or") return null;
  const left = alternatives(node.left);
  const right = left && alternatives(node.right);
  return left && right ? [...left, ...right] : null;
}

export function hashTest(node: Node | null): HashTest {
  const test: HashTest = { all: [], any: [], none: [], exact: true };
  const visit = (n: Node) => {
    const alts = alternatives(n);
    if (alts) {
      if (alts.length === 1) test.all.push(alts[0] as string);
      else test.any.push(alts);
      return;
    }
    if (n.op === "and" || n.op === "phrase") {
      if (n.op === "phrase") test.exact = false;
      visit(n.left);
      visit(n.right);
    } else if (n.op === "not") {
      const excluded = alternatives(n.arg);
      if (excluded) test.none.push(...excluded);
      else test.exact = false;
    } else {
      // A prefix, or an OR of something more than words: only the document can tell.
      test.exact = false;
    }
  };
  if (node) visit(node);
  test.all = [...new Set(test.all)];
  test.none = [...new Set(test.none)];
  return test;
}

/** How many positions later a pair's second word may come in a title than in the query: "code models" matches "Code Language Models". */
const PAIR_SLACK = 2;

/**
 * The query's phrase (`'a' <-> 'b' <2> ('c' | 'd')`) as one tsquery per neighbouring pair, each matching the pair in the
 * same order a little further apart too: a title holding more of them reads more like the query. [] for anything but a chain.
 */
export function phrasePairs(phrase: string): string[] {
  const tokens = phrase.match(/'(?:[^'\\]|''|\\.)*'(?::\*?[A-D]*)?|<\d+>|<->|[!&|()]/g) ?? [];
  const items: string[] = [];
  const gaps: number[] = [];
  let depth = 0;
  let item = "";
  for (const t of tokens) {
    if (t === "(") depth += 1;
    if (t === ")") depth -= 1;
    const gap = depth === 0 && /^<(\d+|-)>$/.exec(t);
    if (gap) {
      items.push(item);
      gaps.push(gap[1] === "-" ? 1 : Number(gap[1]));
      item = "";
    } else if (depth === 0 && t !== ")" && /^[!&|]$/.test(t)) {
      return [];
    } else {
      item += item && t !== ")" && !item.endsWith("(") ? ` ${t}` : t;
    }
  }
  items.push(item);
  return gaps.flatMap((gap, i) => {
    const [a, b] = [items[i], items[i + 1]];
    if (!a || !b || gap === 0) return [];
    return [Array.from({ length: PAIR_SLACK + 1 }, (_, k) => `(${a}) <${gap + k}> (${b})`).join(" | ")];
  });
}
