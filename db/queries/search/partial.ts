import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { filterSql, type PaperFilters } from "@/lib/search/filters";
import { bm25Idf, type TermStat } from "@/lib/search/partial";
import { INDEX_SETTINGS, withSettings } from "./access";
import { sqlCount } from "./sql";
import { lexemeStats, parsePgArray } from "./stats";

// BM25 over shared words (lib/search/partial.ts has the formula), for queries no paper matches whole and for similar papers.

const CANDIDATES = 600;

export async function paperCount(db: Db): Promise<number> {
  return (await lexemeStats(db, "search_vector"))?.rows ?? 1_000;
}

/** search_words has exact counts per written form; PostgreSQL's statistics cover the common stems: the higher counts. */
export async function termStats(db: Db, forms: Map<string, string[]>): Promise<{ terms: TermStat[]; papers: number }> {
  const words = [...new Set([...forms.values()].flat().map((w) => w.toLowerCase()))];
  const counts = new Map<string, number>();
  if (words.length > 0) {
    const result = await db.execute(
      sql`select word, papers from search_words where word in (${sql.join(
        words.map((w) => sql`${w}`),
        sql`, `,
      )})`,
    );
    for (const r of rowsOf<{ word: string; papers: number | string }>(result)) counts.set(r.word, Number(r.papers));
  }
  return withCorpusCounts(
    db,
    [...forms].map(([lexeme, surface]) => ({ lexeme, wordPapers: Math.max(0, ...surface.map((w) => counts.get(w.toLowerCase()) ?? 0)) })),
  );
}

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

export interface PartialCandidate {
  id: string;
  upvotes: number;
  /** Distinct words in the paper. */
  length: number;
  /** Per term: 1 when the paper holds it, 2 when its title does too. */
  holds: number[];
}

/** Papers holding the anchors' words, with which terms each holds (in-row hashes, not the out-of-line document). */
export async function readPartialCandidates(
  db: Db,
  { terms, anchors, excluded, filters }: { terms: TermStat[]; anchors: string; excluded: string | null; filters: PaperFilters },
): Promise<PartialCandidate[]> {
  const tsquery = excluded ? `( ${anchors} ) & !( ${excluded} )` : anchors;
  // No sort: the first CANDIDATES the GIN index hands over are about all there are within the anchors' budget.
  const holds = terms.map(({ lexeme }) => {
    const query = sql`to_tsquery('simple', quote_literal(${lexeme}::text))`;
    return sql`(case when search_hashes is null then (search_vector @@ ${query})::int else (hashtext(${lexeme}::text) = any(search_hashes))::int end
      + (title_vector @@ ${query})::int)`;
  });
  const rows = await withSettings<{ id: string; upvotes: number | string; len: number | string; f: number[] | string }>(
    db,
    INDEX_SETTINGS,
    sql`select id, upvotes, coalesce(cardinality(search_hashes), 300) as len, array[${sql.join(holds, sql`, `)}] as f
      from papers where search_vector @@ ${tsquery}::tsquery and ${filterSql(filters)}
      limit ${sqlCount(CANDIDATES)}`,
  );
  return rows.map((r) => ({
    id: r.id,
    upvotes: Number(r.upvotes),
    length: Number(r.len),
    holds: (Array.isArray(r.f) ? r.f : parsePgArray(r.f)).map(Number),
  }));
}
