import { sql } from "drizzle-orm";
import type { Db } from "@/db";
import { withSettings } from "./access";

/** `atention`/`attention` 0.73, `pruneing`/`pruning` 0.55. */
const CORRECTION_SIMILARITY = 0.45;
const MAX_WORDS = 8;
/** A word used this often is taken as meant, not as a typo. */
const KNOWN_WORD_PAPERS = 3;

/** An empty string for a word no paper has and nothing is like: better left out. */
export async function corrections(db: Db, words: string[]): Promise<Map<string, string>> {
  const candidates = [...new Set(words.map((w) => w.toLowerCase()).filter((w) => [...w].length >= 3))].slice(0, MAX_WORDS);
  if (candidates.length === 0) return new Map();
  // `%` (which the trigram index serves) compares against the similarity threshold setting.
  const rows = await withSettings<{ input: string; word: string | null; known: boolean }>(
    db,
    sql`select set_config('pg_trgm.similarity_threshold', ${String(CORRECTION_SIMILARITY)}, true)`,
    sql`
      select i.input, best.word, own.word is not null as known
      from json_array_elements_text(${JSON.stringify(candidates)}::json) as i(input)
      left join search_words own on own.word = i.input
      left join lateral (
        select s.word from search_words s
        where s.word % i.input and s.papers > 4 * coalesce(own.papers, 0)
        order by similarity(s.word, i.input) desc, s.papers desc, s.word
        limit 1
      ) best on true
      where coalesce(own.papers, 0) < ${sql.raw(String(KNOWN_WORD_PAPERS))}`,
  );
  return new Map(rows.flatMap((r) => (r.word ? [[r.input, r.word]] : r.known ? [] : [[r.input, ""]])));
}
