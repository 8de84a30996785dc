import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { maxEdits, oneEditAway } from "@/lib/search/spelling";
import { withSettings } from "./access";

/** Low enough that trigrams find two edits of a long word (`trnasformr`/`transformer` 0.28); the edit distance decides. */
const TRIGRAM_SIMILARITY = 0.25;
const TRIGRAM_CANDIDATES = 20;
const MAX_WORDS = 8;

export interface WordUse {
  word: string;
  papers: number;
}

/** Each word's own use (0 when no paper has it) and the corpus words that may be what was meant: one edit away, or, for words allowed two, similar by trigrams. */
export async function nearWords(db: Db, words: string[]): Promise<Map<string, { papers: number; near: WordUse[] }>> {
  const inputs = [...new Set(words.map((w) => w.toLowerCase()))].filter((w) => maxEdits(w) > 0 && /^\p{L}+$/u.test(w)).slice(0, MAX_WORDS);
  if (inputs.length === 0) return new Map();
  const edits = [...new Set([...inputs, ...inputs.flatMap(oneEditAway)])];
  const long = inputs.filter((w) => maxEdits(w) > 1);
  // `%` (which the trigram index serves) compares against the similarity threshold setting.
  const rows = await withSettings<{ word: string; papers: number | string }>(
    db,
    sql`select set_config('pg_trgm.similarity_threshold', ${String(TRIGRAM_SIMILARITY)}, true)`,
    sql`
      select s.word, s.papers from search_words s
      where s.word in (select value from json_array_elements_text(${JSON.stringify(edits)}::json))
      union
      select t.word, t.papers
      from json_array_elements_text(${JSON.stringify(long)}::json) as i(input)
      cross join lateral (
        select s.word, s.papers from search_words s
        where s.word % i.input
        order by similarity(s.word, i.input) desc, s.papers desc, s.word
        limit ${sql.raw(String(TRIGRAM_CANDIDATES))}
      ) t`,
  );
  const found = rows.map((r) => ({ word: r.word, papers: Number(r.papers) }));
  return new Map(
    inputs.map((input) => [
      input,
      { papers: found.find((f) => f.word === input)?.papers ?? 0, near: found.filter((f) => f.word !== input) },
    ]),
  );
}
