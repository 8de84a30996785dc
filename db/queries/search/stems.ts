import { sql } from "drizzle-orm";
import { rowsOf, type Db } from "@/db";
import { parsePgArray } from "./stats";

const STEM_CACHE_SIZE = 50_000;
const stemCache = globalThis as unknown as { __searchStems?: Map<string, string[]> };

/** The English lexemes of each word, as PostgreSQL stems them (stemming is fixed, so they are cached). */
export async function lexemesOfWords(db: Db, words: string[]): Promise<Map<string, string[]>> {
  const cache = (stemCache.__searchStems ??= new Map());
  const missing = words.filter((w) => !cache.has(w));
  if (missing.length > 0) {
    const rows = rowsOf<{ word: string; lexemes: string[] | string }>(
      await db.execute(sql`
        select value as word, array(select lexeme from unnest(to_tsvector('english', value))) as lexemes
        from json_array_elements_text(${JSON.stringify(missing)}::json)`),
    );
    if (cache.size + rows.length > STEM_CACHE_SIZE) cache.clear();
    for (const r of rows) cache.set(r.word, Array.isArray(r.lexemes) ? r.lexemes : parsePgArray(r.lexemes));
  }
  return new Map(words.map((w) => [w, cache.get(w) ?? []]));
}
