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
  type Chunk,
  type ChunkHead,
  type Postings,
} from "@/db/queries/search/postings";
import type { PaperFilters } from "@/lib/search/filters";
import { bm25Idf } from "@/lib/search/partial";
import { proximityBonus } from "@/lib/search/proximity";

/** Postings read at most for one query: a description's words at a million papers hold ~2 M. */
export const POSTINGS_BUDGET = 120_000;
/** The best this many by BM25F get the proximity bonus (positions are read per paper); the rest keep their order below them. */
const PROXIMITY_POOL = 100;
const PROXIMITY_WEIGHT = 0.5;

export interface RankedMatch {
  id: string;
  score: number;
  shared: number;
}

export interface RankOptions {
  lexemes: string[];
  filters?: PaperFilters;
  excluded?: string | null;
  limit: number;
  minShared?: number;
  budget?: number;
  /** How many of the best get the proximity bonus (tests set 0 to see BM25F alone). */
  proximityPool?: number;
  /** A word added to widen the query counts this share of its idf (1, the asked words, by default); only asked words earn proximity. */
  weights?: Map<string, number>;
}

/**
 * Which chunks to read: those where the query's words weigh most (idf × the chunk's best impact), every asked word's first,
 * within the budget. Words added to widen the query are read only as far as their weight earns.
 */
export function planChunks(
  heads: ChunkHead[],
  idf: Map<string, number>,
  { budget, chunkSize, added }: { budget: number; chunkSize: number; added?: Set<string> },
): ChunkHead[] {
  const size = (h: ChunkHead) => Math.max(0, Math.min(chunkSize, h.df - h.chunk * chunkSize));
  const firsts = heads.filter((h) => h.chunk === 0 && !added?.has(h.lexeme));
  let read = firsts.reduce((n, h) => n + size(h), 0);
  const rest = heads
    .filter((h) => h.chunk > 0 || added?.has(h.lexeme))
    .sort(
      (a, b) =>
        (idf.get(b.lexeme) ?? 0) * b.top - (idf.get(a.lexeme) ?? 0) * a.top || a.lexeme.localeCompare(b.lexeme) || a.chunk - b.chunk,
    );
  const chosen = [...firsts];
  // A word's chunks are read in order, so its unread chunks are always a tail: their bound is the first's top.
  const next = new Map([...(added ?? [])].map((l) => [l, 0]));
  for (const h of firsts) next.set(h.lexeme, 1);
  for (const h of rest) {
    if (read + size(h) > budget) break;
    if (next.get(h.lexeme) !== h.chunk) continue;
    chosen.push(h);
    read += size(h);
    next.set(h.lexeme, h.chunk + 1);
  }
  return chosen;
}

// One score array for every search of this process, indexed by the build's paper numbers: the adding-up below is
// synchronous, so searches never share it half-done.
let scoreOf = new Float32Array(0);
let sharedOf = new Uint8Array(0);

function arraysFor(papers: number) {
  if (scoreOf.length < papers + 1) {
    scoreOf = new Float32Array(Math.ceil((papers + 1) * 1.25));
    sharedOf = new Uint8Array(scoreOf.length);
  }
}

interface Candidate {
  doc: number | null;
  id: string | null;
  score: number;
  shared: number;
}

function bestBuilt(chunks: Chunk[], idf: Map<string, number>, skip: number[], minShared: number, count: number): Candidate[] {
  const touched: number[] = [];
  for (const { lexeme, docs, impacts } of chunks) {
    const weight = idf.get(lexeme) ?? 0;
    for (let i = 0; i < docs.length; i += 1) {
      const doc = docs[i]!;
      if (sharedOf[doc] === 0) touched.push(doc);
      scoreOf[doc] = scoreOf[doc]! + weight * impacts[i]!;
      sharedOf[doc] = sharedOf[doc]! + 1;
    }
  }
  for (const doc of skip) sharedOf[doc] = 0;
  const best = selectBest(
    touched.filter((doc) => sharedOf[doc]! >= minShared),
    count,
  );
  const out = best.map((doc) => ({ doc, id: null, score: scoreOf[doc]!, shared: sharedOf[doc]! }));
  for (const doc of touched) {
    scoreOf[doc] = 0;
    sharedOf[doc] = 0;
  }
  return out;
}

const better = (a: number, b: number) => scoreOf[a]! > scoreOf[b]! || (scoreOf[a] === scoreOf[b] && a < b);

/** A heap of the best so far, its root the worst of them. */
function selectBest(docs: number[], count: number): number[] {
  const heap: number[] = [];
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < heap.length && better(heap[worst]!, heap[l]!)) worst = l;
      if (r < heap.length && better(heap[worst]!, heap[r]!)) worst = r;
      if (worst === i) return;
      [heap[i], heap[worst]] = [heap[worst]!, heap[i]!];
      i = worst;
    }
  };
  for (const doc of docs) {
    if (heap.length < count) {
      heap.push(doc);
      for (let i = heap.length - 1; i > 0 && better(heap[(i - 1) >> 1]!, heap[i]!); i = (i - 1) >> 1)
        [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1]!, heap[i]!];
    } else if (count > 0 && better(doc, heap[0]!)) {
      heap[0] = doc;
      down(0);
    }
  }
  return heap.sort((a, b) => (better(a, b) ? -1 : better(b, a) ? 1 : 0));
}

function recentScores(postings: Postings[], idf: Map<string, number>, minShared: number): Candidate[] {
  const scores = new Map<string, Candidate>();
  for (const { lexeme, papers, impacts } of postings) {
    const weight = idf.get(lexeme) ?? 0;
    papers.forEach((id, i) => {
      const entry = scores.get(id) ?? { doc: null, id, score: 0, shared: 0 };
      entry.score += weight * impacts[i]!;
      entry.shared += 1;
      scores.set(id, entry);
    });
  }
  return [...scores.values()].filter((c) => c.shared >= minShared);
}

const byScore = (a: Candidate, b: Candidate) =>
  b.score - a.score ||
  (a.doc ?? Infinity) - (b.doc ?? Infinity) ||
  ((a.id ?? "") < (b.id ?? "") ? -1 : (a.id ?? "") > (b.id ?? "") ? 1 : 0);

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
    weights,
  }: RankOptions,
): Promise<RankedMatch[]> {
  const lexemes = [...new Set(asked)];
  if (lexemes.length === 0 || limit <= 0) return [];
  const weightOf = (l: string) => weights?.get(l) ?? 1;
  const added = new Set(lexemes.filter((l) => weightOf(l) !== 1));
  // No word is read past the budget, and an added word a few chunks deep at most (its weight seldom earns more): their
  // heads are read no deeper.
  const [heads, state, recent] = await Promise.all([
    readChunkHeads(db, { lexemes: lexemes.filter((l) => !added.has(l)), shallow: [...added], budget }),
    readIndexState(db),
    readRecentPostings(db, lexemes),
  ]);
  const papers = Math.max(1, state.papers + state.written);
  const df = new Map<string, number>();
  for (const h of heads) if (h.chunk === 0) df.set(h.lexeme, h.df);
  for (const r of recent) df.set(r.lexeme, (df.get(r.lexeme) ?? 0) + r.papers.length);
  const idf = new Map(lexemes.map((l) => [l, bm25Idf(df.get(l) ?? 0, papers) * weightOf(l)]));
  const terms = lexemes.filter((l) => (df.get(l) ?? 0) > 0 && !added.has(l));
  if (terms.length === 0) return [];

  const chunks = await readChunks(db, planChunks(heads, idf, { budget, chunkSize: state.chunkSize, added }));
  const want = Math.max(limit, proximityPool);
  // Past this many candidates the filters have ruled out nearly all: what is left is not worth reading for.
  const most = Math.max(want * 20, 2_000);
  // Docs are numbered 1..papers at a build; a build that committed since the state was read may number more.
  let highest = state.papers;
  for (const { docs } of chunks) for (let i = 0; i < docs.length; i += 1) if (docs[i]! > highest) highest = docs[i]!;
  arraysFor(highest);
  const ranked = [...bestBuilt(chunks, idf, state.writtenDocs, minShared, most), ...recentScores(recent, idf, minShared)].sort(byScore);

  const kept: { id: string; score: number; shared: number; upvotes: number }[] = [];
  for (let from = 0; from < ranked.length && kept.length < want;) {
    const batch = ranked.slice(from, from + Math.max(2 * (want - kept.length), 200));
    from += batch.length;
    const { byDoc, byId } = await keepCandidates(db, {
      docs: batch.flatMap((c) => (c.doc === null ? [] : [c.doc])),
      ids: batch.flatMap((c) => (c.id === null ? [] : [c.id])),
      filters,
      excluded,
    });
    for (const c of batch) {
      const paper =
        c.doc !== null ? byDoc.get(c.doc) : c.id !== null && byId.has(c.id) ? { id: c.id, upvotes: byId.get(c.id)! } : undefined;
      if (paper) kept.push({ id: paper.id, score: c.score, shared: c.shared, upvotes: paper.upvotes });
    }
  }

  const pool = kept.slice(0, proximityPool);
  const positions = await readPositions(db, { ids: pool.map((k) => k.id), lexemes: terms });
  for (const k of pool) k.score += PROXIMITY_WEIGHT * proximityBonus(positions.get(k.id) ?? new Map(), idf);
  const boosted = pool.sort((a, b) => b.score - a.score || b.upvotes - a.upvotes || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return [...boosted, ...kept.slice(proximityPool)].slice(0, limit).map(({ id, score, shared }) => ({ id, score, shared }));
}
