/** Ranked retrieval over the whole store (docs/search.md, "Ranked retrieval"): BM25F from the postings index, best impacts first, within a budget. */
import "server-only";
import type { Db } from "@/db";
import {
  keepCandidates,
  readChunkHeads,
  readChunks,
  readIndexState,
  readPositions,
  readRecentPostings,
  type ChunkHead,
  type Postings,
} from "@/db/queries/search/postings";
import type { PaperFilters } from "@/lib/search/filters";
import { bm25Idf } from "@/lib/search/partial";
import { proximityBonus } from "@/lib/search/proximity";

/** Postings read at most for one query: a description's words at a million papers hold ~2 M. */
export const POSTINGS_BUDGET = 120_000;
/** The best this many by BM25F get the proximity bonus; the rest keep their order below them. */
const PROXIMITY_POOL = 100;
const PROXIMITY_WEIGHT = 0.5;

export interface RankedMatch {
  id: string;
  score: number;
  shared: number;
}

interface Term {
  lexeme: string;
  idf: number;
}

export interface RankOptions {
  lexemes: string[];
  filters?: PaperFilters;
  /** A tsquery no result may match. */
  excluded?: string | null;
  limit: number;
  /** Papers sharing fewer of the stems are left out. */
  minShared?: number;
  budget?: number;
  /** How many of the best get the proximity bonus (tests set 0 to see BM25F alone). */
  proximityPool?: number;
}

/** Which chunks to read: those where the query's words weigh most (idf × the chunk's best impact), every word's first, within the budget. */
export function planChunks(
  heads: ChunkHead[],
  idf: Map<string, number>,
  { budget, chunkSize }: { budget: number; chunkSize: number },
): ChunkHead[] {
  const size = (h: ChunkHead) => Math.max(0, Math.min(chunkSize, h.df - h.chunk * chunkSize));
  const firsts = heads.filter((h) => h.chunk === 0);
  let read = firsts.reduce((n, h) => n + size(h), 0);
  const rest = heads
    .filter((h) => h.chunk > 0)
    .sort(
      (a, b) =>
        (idf.get(b.lexeme) ?? 0) * b.top - (idf.get(a.lexeme) ?? 0) * a.top || a.lexeme.localeCompare(b.lexeme) || a.chunk - b.chunk,
    );
  const chosen = [...firsts];
  // A word's chunks are read in order, so its unread chunks are always a tail: their bound is the first's top.
  const next = new Map(firsts.map((h) => [h.lexeme, 1]));
  for (const h of rest) {
    if (read + size(h) > budget) break;
    if (next.get(h.lexeme) !== h.chunk) continue;
    chosen.push(h);
    read += size(h);
    next.set(h.lexeme, h.chunk + 1);
  }
  return chosen;
}

function accumulate(
  scores: Map<string, { score: number; shared: number }>,
  postings: Postings[],
  idf: Map<string, number>,
  skip: Set<string> | null,
) {
  for (const { lexeme, papers, impacts } of postings) {
    const weight = idf.get(lexeme) ?? 0;
    for (let i = 0; i < papers.length; i += 1) {
      const id = papers[i]!;
      if (skip?.has(id)) continue;
      const entry = scores.get(id);
      const add = weight * impacts[i]!;
      if (entry) {
        entry.score += add;
        entry.shared += 1;
      } else scores.set(id, { score: add, shared: 1 });
    }
  }
}

/** BM25F over the stems, best first, with a bonus for query words near each other among the best; upvotes then id break ties. */
export async function rankPapers(
  db: Db,
  {
    lexemes: asked,
    filters = {},
    excluded = null,
    limit,
    minShared = 1,
    budget = POSTINGS_BUDGET,
    proximityPool = PROXIMITY_POOL,
  }: RankOptions,
): Promise<RankedMatch[]> {
  const lexemes = [...new Set(asked)];
  if (lexemes.length === 0 || limit <= 0) return [];
  const [heads, state, recent] = await Promise.all([readChunkHeads(db, lexemes), readIndexState(db), readRecentPostings(db, lexemes)]);
  const written = new Set(state.written);
  const papers = Math.max(1, state.papers + written.size);
  const df = new Map<string, number>();
  for (const h of heads) if (h.chunk === 0) df.set(h.lexeme, h.df);
  for (const r of recent) df.set(r.lexeme, (df.get(r.lexeme) ?? 0) + r.papers.length);
  const idf = new Map(lexemes.map((l) => [l, bm25Idf(df.get(l) ?? 0, papers)]));
  const terms: Term[] = lexemes.filter((l) => (df.get(l) ?? 0) > 0).map((l) => ({ lexeme: l, idf: idf.get(l)! }));
  if (terms.length === 0) return [];

  const chunks = await readChunks(db, planChunks(heads, idf, { budget, chunkSize: state.chunkSize }));
  const scores = new Map<string, { score: number; shared: number }>();
  accumulate(scores, chunks, idf, written.size > 0 ? written : null);
  accumulate(scores, recent, idf, null);

  const ranked = [...scores]
    .filter(([, s]) => s.shared >= minShared)
    .sort((a, b) => b[1].score - a[1].score || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const want = Math.max(limit, proximityPool);
  const kept: { id: string; score: number; shared: number; upvotes: number }[] = [];
  for (let from = 0; from < ranked.length && kept.length < want;) {
    const batch = ranked.slice(from, from + Math.max(2 * (want - kept.length), 200));
    from += batch.length;
    const upvotes = await keepCandidates(db, { ids: batch.map(([id]) => id), filters, excluded });
    for (const [id, s] of batch) {
      const votes = upvotes.get(id);
      if (votes !== undefined) kept.push({ id, score: s.score, shared: s.shared, upvotes: votes });
    }
  }

  const pool = kept.slice(0, proximityPool);
  const positions = await readPositions(db, { ids: pool.map((k) => k.id), lexemes: terms.map((t) => t.lexeme) });
  for (const k of pool) k.score += PROXIMITY_WEIGHT * proximityBonus(positions.get(k.id) ?? new Map(), idf);
  const boosted = pool.sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...boosted, ...kept.slice(proximityPool)].slice(0, limit).map(({ id, score, shared }) => ({ id, score, shared }));
}
