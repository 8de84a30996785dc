import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { bm25Idf, type TermStat } from "@/lib/search/partial";
import { lexemeStats } from "./stats";

// A paper's words and their corpus counts, for similar papers (lib/search/partial.ts picks the distinctive ones).

/** Document frequencies: the higher of search_words' count of a written form and PostgreSQL's statistics for the stem. */
export async function withCorpusCounts(
  db: Db,
  lexemes: { lexeme: string; wordPapers: number }[],
): Promise<{ terms: TermStat[]; papers: number }> {
  const stats = await lexemeStats(db, "search_vector");
  const rows = stats?.rows ?? Math.max(1, ...lexemes.map((l) => l.wordPapers));
  const terms = lexemes.map(({ lexeme, wordPapers }) => {
    const df = Math.max(wordPapers, Math.round((stats?.freq.get(lexeme) ?? 0) * rows));
    return { lexeme, df, idf: bm25Idf(df, rows) };
  });
  return { terms, papers: rows };
}

export interface PaperTerm {
  lexeme: string;
  count: number;
  inTitle: boolean;
  /** The most papers any of its written forms in this paper is used by (search_words). */
  wordPapers: number;
}

/** A paper's words as stems, with search_words' counts of their written forms: one statement, one round trip for a paper page. */
export async function paperTerms(db: Db, { id }: { id: string }): Promise<PaperTerm[]> {
  const rows = rowsOf<{ lexeme: string; count: number | string; in_title: boolean; word_papers: number | string }>(
    await db.execute(sql`
      with paper as (select * from papers where id = ${id}),
      own as (
        select l.lexeme, coalesce(array_length(l.positions, 1), 1) as count, l.weights::text like '%A%' as in_title
        from paper, unnest(paper.search_vector) as l
      ),
      forms as (
        select distinct w.word, s.lexeme
        from paper, unnest(papers_search_words(paper.title, paper.authors, paper.ai_keywords, paper.abstract)) as w(word),
          unnest(to_tsvector('english', w.word)) as s
      )
      select own.lexeme, own.count, own.in_title, coalesce(max(sw.papers), 0) as word_papers
      from own left join forms on forms.lexeme = own.lexeme left join search_words sw on sw.word = forms.word
      group by own.lexeme, own.count, own.in_title`),
  );
  return rows.map((r) => ({ lexeme: r.lexeme, count: Number(r.count), inTitle: Boolean(r.in_title), wordPapers: Number(r.word_papers) }));
}
