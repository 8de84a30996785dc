/**
 * `DATABASE_URL=postgres://…/bench_quality_100000_42 npx tsx --tsconfig tsconfig.scripts.json bench/quality/feedback.ts`:
 * ranked retrieval (server/search/ranked.ts) over the held-out descriptions, alone and widened by the words of its own
 * best papers (pseudo-relevance feedback) under several settings: hits in the top 10 and times.
 */
import { sql } from "drizzle-orm";
import { closeDb, getDb, rowsOf, type Db } from "@/db";
import { readChunkHeads, readIndexState } from "@/db/queries/search/postings";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { bm25Idf } from "@/lib/search/partial";
import { parseQuery } from "@/lib/search/syntax";
import { rankPapers } from "@/server/search/ranked";
import { heldOutPapers } from "./held-out";

const FIELD = { A: 3, B: 1.5, C: 1, D: 1 } as Record<string, number>;

async function docTerms(db: Db, ids: string[]) {
  const rows = rowsOf<{ id: string; lexeme: string; weights: string[] | string }>(
    await db.execute(
      sql`select p.id, u.lexeme, u.weights from papers p, unnest(p.search_vector) as u where p.id in (${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )})`,
    ),
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const weights = Array.isArray(r.weights) ? r.weights : r.weights.replace(/[{}]/g, "").split(",");
    const m = out.get(r.id) ?? new Map<string, number>();
    m.set(
      r.lexeme,
      weights.reduce((n, w) => n + (FIELD[w] ?? 1), 0),
    );
    out.set(r.id, m);
  }
  return out;
}

async function widen(db: Db, lexemes: string[], top: { id: string; score: number }[], terms: number, alpha: number) {
  const vectors = await docTerms(
    db,
    top.map((t) => t.id),
  );
  const rel = new Map<string, number>();
  const best = top[0]?.score ?? 1;
  for (const t of top) {
    const v = vectors.get(t.id);
    if (!v) continue;
    const len = [...v.values()].reduce((a, b) => a + b, 0);
    for (const [l, w] of v) rel.set(l, (rel.get(l) ?? 0) + (t.score / best) * (w / len));
  }
  const asked = new Set(lexemes);
  const cands = [...rel.keys()].filter((l) => !asked.has(l));
  const heads = await readChunkHeads(db, cands);
  const state = await readIndexState(db);
  const df = new Map(heads.filter((h) => h.chunk === 0).map((h) => [h.lexeme, h.df]));
  const scored = cands
    .filter((l) => (df.get(l) ?? 0) >= 2 && (df.get(l) ?? 0) < state.papers / 10)
    .map((l) => ({ l, s: rel.get(l)! * bm25Idf(df.get(l)!, state.papers) }))
    .sort((a, b) => b.s - a.s)
    .slice(0, terms);
  const max = scored[0]?.s ?? 1;
  const weights = new Map<string, number>(lexemes.map((l) => [l, 1]));
  for (const { l, s } of scored) weights.set(l, Math.max(0.01, (alpha * s) / max));
  return { lexemes: [...lexemes, ...scored.map((x) => x.l)], weights, added: scored.map((x) => x.l) };
}

const db = await getDb();
const queries = [];
for (const h of heldOutPapers()) {
  const stems = await lexemesOfWords(db, parseQuery(h.description).words);
  queries.push({ id: h.id, lexemes: [...new Set([...stems.values()].flat())] });
}
const SETTINGS: [number, number, number][] = process.env.RANK_COORD
  ? [[0, 0, 0]]
  : [
      [0, 0, 0],
      [5, 10, 0.3],
      [10, 10, 0.3],
      [10, 20, 0.3],
      [10, 10, 0.5],
      [10, 20, 0.5],
      [20, 20, 0.3],
      [5, 20, 0.5],
    ];
console.log(
  "| feedback papers | words added | weight | descriptions in the top 10 | ranks | p50 / p95 ms |\n| ---: | ---: | ---: | ---: | --- | ---: |",
);
for (const [docs, terms, alpha] of SETTINGS) {
  let hits = 0;
  const times: number[] = [];
  const ranks: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    let ranked = await rankPapers(db, { lexemes: q.lexemes, limit: 100, minShared: 2 });
    if (docs > 0) {
      const w = await widen(db, q.lexemes, ranked.slice(0, docs), terms, alpha);
      ranked = await rankPapers(db, { lexemes: w.lexemes, weights: w.weights, limit: 100, minShared: 2 });
    }
    times.push(performance.now() - started);
    const rank = ranked.findIndex((m) => m.id === q.id) + 1;
    ranks.push(rank);
    if (rank > 0 && rank <= 10) hits += 1;
  }
  times.sort((a, b) => a - b);
  const at = (p: number) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)]!.toFixed(0);
  console.log(`| ${docs} | ${terms} | ${alpha} | ${hits} | ${ranks.join(" ")} | ${at(0.5)} / ${at(0.95)} |`);
}
await closeDb();
