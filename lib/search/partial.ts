/**
 * Ranking partial matches as BM25 does (Robertson and Zaragoza's formulation), for words a query
 * shares with a paper: each shared word adds its rarity,
 *
 *   idf(w) = ln(1 + (N − df(w) + 0.5) / (df(w) + 0.5))
 *
 * scaled by how strongly the paper holds it, (k1 + 1)·f / (f + k1·(1 − b + b·len/avglen)), where f is
 * 1 for a word the paper holds and 2 when its title holds it too (the title weighs more), and len is
 * the paper's number of distinct words. k1 = 1.2, b = 0.75. Stop words and word forms never count:
 * the words are English stems, as the search document holds them.
 */

export interface TermStat {
  lexeme: string;
  /** Papers holding the lexeme. */
  df: number;
  idf: number;
}

export function bm25Idf(df: number, papers: number): number {
  return Math.log(1 + (Math.max(papers - df, 0) + 0.5) / (df + 0.5));
}

const K1 = 1.2;
const B = 0.75;

/**
 * A paper's score for `terms`, given how strongly it holds each (`f`, in the same order: 0, 1, or
 * 2 with the title) and its length in distinct words.
 */
export function bm25Score(terms: TermStat[], f: number[], length: number, averageLength: number): number {
  const norm = K1 * (1 - B + (B * length) / Math.max(averageLength, 1));
  return terms.reduce((score, term, i) => {
    const held = f[i] ?? 0;
    return held > 0 ? score + (term.idf * (K1 + 1) * held) / (held + norm) : score;
  }, 0);
}

/** Of the rarest words, this many are paired to find candidates. */
const ANCHORS = 6;
/**
 * What finding the candidates may read: matches fetched from the table (about 5 µs each), and
 * entries of the GIN index's lists (about 0.04 µs each, server/search/cost.ts): together a few
 * milliseconds at a million papers, however common the words are.
 */
export const ANCHOR_BUDGET = { matches: 600, postings: 200_000 };

/** A lexeme as tsquery text, quoted. */
export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
}

/**
 * The tsquery that finds candidates: papers holding a pair of the rarest words, the pairs
 * expected to match fewest first, as many as the budget allows (at least one), or the one word
 * there is. Null when no word is known to the corpus.
 */
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

/**
 * The words that make a paper what it is, for finding similar ones: the `count` with the most
 * weight (idf times how often the paper uses the word, doubled in the title), among words another
 * paper holds too (df ≥ 2) and that are not everywhere (df under a fifth of the papers).
 */
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
