// BM25's idf (Robertson and Zaragoza) and the distinctive words of a paper, for similar papers.

export interface TermStat {
  lexeme: string;
  df: number;
  idf: number;
}

export function bm25Idf(df: number, papers: number): number {
  return Math.log(1 + (Math.max(papers - df, 0) + 0.5) / (df + 0.5));
}

export function quoteLexeme(lexeme: string): string {
  return `'${lexeme.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
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
