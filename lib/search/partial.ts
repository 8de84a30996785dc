// BM25 (Robertson and Zaragoza) over shared English stems; f is 2 when the title holds a word too, len counts distinct words.

export interface TermStat {
  lexeme: string;
  df: number;
  idf: number;
}

export function bm25Idf(df: number, papers: number): number {
  return Math.log(1 + (Math.max(papers - df, 0) + 0.5) / (df + 0.5));
}

const K1 = 1.2;
const B = 0.75;

export function bm25Score(terms: TermStat[], f: number[], length: number, averageLength: number): number {
  const norm = K1 * (1 - B + (B * length) / Math.max(averageLength, 1));
  return terms.reduce((score, term, i) => {
    const held = f[i] ?? 0;
    return held > 0 ? score + (term.idf * (K1 + 1) * held) / (held + norm) : score;
  }, 0);
}

const ANCHORS = 6;
/** Matches cost about 5 µs each, GIN postings about 0.04 µs (server/search/cost.ts): a few ms at a million papers. */
export const ANCHOR_BUDGET = { matches: 600, postings: 200_000 };

export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/** Pairs of the rarest words, those expected to match fewest first, as many as the budget allows. */
export function anchorQuery(terms: TermStat[], papers: number): string | null {
  const rarest = [...terms]
    .filter((t) => t.df > 0)
    .sort((a, b) => a.df - b.df || a.lexeme.localeCompare(b.lexeme))
    .slice(0, ANCHORS);
  if (rarest.length === 0) return null;
  if (rarest.length === 1) return quoteLexeme(rarest[0]!.lexeme);
  const pairs: { a: TermStat; b: TermStat; expected: number }[] = [];
  for (let i = 0; i < rarest.length; i += 1) {
    for (let j = i + 1; j < rarest.length; j += 1) {
      const a = rarest[i]!;
      const b = rarest[j]!;
      pairs.push({ a, b, expected: (a.df * b.df) / Math.max(papers, 1) });
    }
  }
  pairs.sort((x, y) => x.expected - y.expected);
  const chosen: typeof pairs = [];
  let matches = 0;
  const listed = new Set<string>();
  let postings = 0;
  for (const pair of pairs) {
    const more = [pair.a, pair.b].filter((t) => !listed.has(t.lexeme)).reduce((n, t) => n + t.df, 0);
    if (chosen.length > 0 && (matches + pair.expected > ANCHOR_BUDGET.matches || postings + more > ANCHOR_BUDGET.postings)) continue;
    chosen.push(pair);
    matches += pair.expected;
    postings += more;
    listed.add(pair.a.lexeme).add(pair.b.lexeme);
  }
  return chosen.map(({ a, b }) => `( ${quoteLexeme(a.lexeme)} & ${quoteLexeme(b.lexeme)} )`).join(" | ");
}

/** Words held by another paper too (df ≥ 2) and not by a fifth of the papers or more. */
export function distinctiveTerms(
  own: { lexeme: string; count: number; inTitle: boolean }[],
  stats: Map<string, TermStat>,
  papers: number,
  count = 8,
): TermStat[] {
  return own
    .flatMap((w) => {
      const stat = stats.get(w.lexeme);
      if (!stat || stat.df < 2 || stat.df > papers / 5) return [];
      return [{ stat, weight: stat.idf * Math.min(w.count, 3) * (w.inTitle ? 2 : 1) }];
    })
    .sort((a, b) => b.weight - a.weight || a.stat.lexeme.localeCompare(b.stat.lexeme))
    .slice(0, count)
    .map((w) => w.stat);
}
