/**
 * `DATABASE_URL=postgres://…/bench_quality_100000_42 npx tsx --tsconfig tsconfig.scripts.json bench/quality/widen.ts`:
 * ranked retrieval (server/search/ranked.ts) over the held-out descriptions and half-remembered titles, widened by the
 * related words learned from the store (server/search/related.ts) at several weights, and by pseudo-relevance feedback
 * (the words of its own best papers) under several settings: hits, every description's rank, and times.
 */
import { sql } from "drizzle-orm";
import { closeDb, getBackgroundDb, rowsOf, type Db } from "@/db";
import { readChunkHeads, readIndexState } from "@/db/queries/search/postings";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { bm25Idf } from "@/lib/search/partial";
import { parseQuery } from "@/lib/search/syntax";
import { rankPapers, type RankedMatch } from "@/server/search/ranked";
import { relatedWordsDue, trainRelatedWords, widenLexemes } from "@/server/search/related";
import { heldOutPapers } from "./held-out";

const RELATED_WEIGHTS = [0, 0.05, 0.1, 0.2, 0.3, 0.5];
/** Feedback papers, words added, their weight. */
const FEEDBACK: [number, number, number][] = [
  [5, 10, 0.3],
  [10, 10, 0.3],
  [10, 20, 0.3],
  [10, 10, 0.5],
  [20, 20, 0.3],
];
const FIELD: Record<string, number> = { A: 3, B: 1.5, C: 1, D: 1 };

/** The best papers' stems weighted by field, each paper's share by its score (a relevance model, RM3's first step). */
async function feedbackWords(db: Db, lexemes: string[], top: RankedMatch[], count: number, weight: number) {
  if (top.length === 0) return { lexemes, weights: new Map(lexemes.map((l) => [l, 1])) };
  const rows = rowsOf<{ id: string; lexeme: string; weights: string[] | string }>(
    await db.execute(
      sql`select p.id, u.lexeme, u.weights from papers p, unnest(p.search_vector) as u where p.id in (${sql.join(
        top.map((t) => sql`${t.id}`),
        sql`, `,
      )})`,
    ),
  );
  const byPaper = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const fields = Array.isArray(r.weights) ? r.weights : r.weights.replace(/[{}]/g, "").split(",");
    const paper = byPaper.get(r.id) ?? new Map<string, number>();
    paper.set(
      r.lexeme,
      fields.reduce((n, f) => n + (FIELD[f] ?? 1), 0),
    );
    byPaper.set(r.id, paper);
  }
  const relevance = new Map<string, number>();
  for (const t of top) {
    const paper = byPaper.get(t.id);
    if (!paper) continue;
    const length = [...paper.values()].reduce((a, b) => a + b, 0);
    for (const [l, w] of paper) relevance.set(l, (relevance.get(l) ?? 0) + (t.score / top[0]!.score) * (w / length));
  }
  const candidates = [...relevance.keys()].filter((l) => !lexemes.includes(l));
  const [heads, state] = await Promise.all([readChunkHeads(db, { lexemes: candidates, budget: 1 }), readIndexState(db)]);
  const df = new Map(heads.filter((h) => h.chunk === 0).map((h) => [h.lexeme, h.df]));
  const best = candidates
    .filter((l) => (df.get(l) ?? 0) >= 2 && (df.get(l) ?? 0) < state.papers / 10)
    .map((l) => ({ l, s: relevance.get(l)! * bm25Idf(df.get(l)!, state.papers) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, count);
  const weights = new Map(lexemes.map((l) => [l, 1]));
  for (const { l, s } of best) weights.set(l, Math.max(0.01, (weight * s) / best[0]!.s));
  return { lexemes: [...weights.keys()], weights };
}

const db = await getBackgroundDb();
if (await relatedWordsDue(db)) await trainRelatedWords(db);
const stemsOf = async (text: string) => [...new Set([...(await lexemesOfWords(db, parseQuery(text).words)).values()].flat())];
const queries: { id: string; description: string[]; title: string[] }[] = [];
for (const h of heldOutPapers()) queries.push({ id: h.id, description: await stemsOf(h.description), title: await stemsOf(h.remembered) });

async function run(label: string, rank: (lexemes: string[]) => Promise<RankedMatch[]>) {
  let descriptions = 0;
  let titles = 0;
  const ranks: number[] = [];
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    const found = (await rank(q.description)).findIndex((m) => m.id === q.id) + 1;
    times.push(performance.now() - started);
    ranks.push(found);
    if (found > 0 && found <= 10) descriptions += 1;
    const title = (await rank(q.title)).findIndex((m) => m.id === q.id) + 1;
    if (title > 0 && title <= 3) titles += 1;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(0);
  console.log(`| ${label} | ${descriptions} | ${titles} | ${ranks.map((r) => r || "–").join(" ")} | ${at(0.5)} / ${at(0.95)} |`);
}

const options = { limit: 100, minShared: 2 };
console.log(
  "| widening | descriptions top 10 | titles top 3 | description ranks (– not in the top 100) | p50 / p95 ms |\n| --- | ---: | ---: | --- | ---: |",
);
for (const weight of RELATED_WEIGHTS)
  await run(`related words ×${weight}`, async (lexemes) => rankPapers(db, { ...(await widenLexemes(db, lexemes, weight)), ...options }));
for (const [papers, count, weight] of FEEDBACK)
  await run(`feedback: ${papers} papers, ${count} words ×${weight}`, async (lexemes) => {
    const first = await rankPapers(db, { lexemes, ...options });
    return rankPapers(db, { ...(await feedbackWords(db, lexemes, first.slice(0, papers), count, weight)), ...options });
  });
await closeDb();
