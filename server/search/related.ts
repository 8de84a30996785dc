/** Related words learned from the store (lib/search/related-words.ts): trained by the search-index job, used to widen queries. */
import "server-only";
import type { Db } from "@/db";
import { readIndexState } from "@/db/queries/search/postings";
import { readRelated, readTrainingSample, relatedState, replaceRelated } from "@/db/queries/search/related";
import { env } from "@/lib/env";
import { learnRelated, parseTsvector, pauser, type StemOccurrences } from "@/lib/search/related-words";

/** The newest this many papers teach the words: 15–20 s of one core, whatever the store's size. */
export const RELATED_SAMPLE = 20_000;
/** Learned again when the store has grown by this share since, or after a week. */
const RETRAIN_GROWTH = 0.1;
const RETRAIN_AFTER_MS = 7 * 24 * 3_600_000;
/** Each counts env.SEARCH_RELATED_WEIGHT × its similarity of its idf: the highest weight that lost nothing (bench/RESULTS.md). */
const RELATED_PER_WORD = 3;

export async function relatedWordsDue(db: Db, now = Date.now()): Promise<boolean> {
  const [{ trainedAt, papers: trainedOn }, state] = await Promise.all([relatedState(db), readIndexState(db)]);
  const papers = state.papers + state.written;
  if (papers === 0) return false;
  if (trainedAt === null) return true;
  return papers >= trainedOn * (1 + RETRAIN_GROWTH) || (papers !== trainedOn && now - Date.parse(trainedAt) >= RETRAIN_AFTER_MS);
}

export async function trainRelatedWords(db: Db): Promise<{ words: number; sample: number }> {
  const [texts, state] = await Promise.all([readTrainingSample(db, RELATED_SAMPLE), readIndexState(db)]);
  const papers = state.papers + state.written;
  const pause = pauser();
  const sample: StemOccurrences[][] = [];
  for (const text of texts) {
    await pause();
    sample.push(parseTsvector(text));
  }
  const related = await learnRelated(sample);
  await replaceRelated(db, related, papers);
  return { words: related.length, sample: texts.length };
}

export async function widenLexemes(
  db: Db,
  lexemes: string[],
  weight = env.SEARCH_RELATED_WEIGHT,
): Promise<{ lexemes: string[]; weights: Map<string, number> }> {
  const weights = new Map(lexemes.map((l) => [l, 1]));
  if (weight === 0) return { lexemes, weights };
  const related = await readRelated(db, lexemes);
  for (const asked of lexemes)
    for (const { lexeme, similarity } of (related.get(asked) ?? []).slice(0, RELATED_PER_WORD))
      if (!lexemes.includes(lexeme)) weights.set(lexeme, Math.max(weights.get(lexeme) ?? 0, weight * similarity));
  return { lexemes: [...weights.keys()], weights };
}
