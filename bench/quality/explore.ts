/**
 * `npx tsx --tsconfig tsconfig.scripts.json bench/quality/explore.ts --db postgres://…/bench_quality_100000_42`: an experiment
 * to choose issue 23's search method by figures (BM25F, proximity, PPMI and LSA expansion), on the quality benchmark's database.
 */
import postgres from "postgres";
import { arg } from "../args";
import { heldOutPapers, oneEditApart } from "./held-out";

const sql = postgres(arg("db"), { max: 1, onnotice: () => {} });
await sql`set default_transaction_read_only = on`;

const FIELDS = 3; // 0 title (A), 1 authors + keywords (B), 2 abstract (C)
const fieldOf = (w: string) => (w === "A" ? 0 : w === "B" ? 1 : 2);

// ---------- the corpus, from the stored search_vector (PostgreSQL's english stems, with positions and fields)
const vocab = new Map<string, number>();
const words: string[] = [];
const termId = (w: string) => {
  let t = vocab.get(w);
  if (t === undefined) {
    t = words.length;
    vocab.set(w, t);
    words.push(w);
  }
  return t;
};

class Grow {
  a: Int32Array;
  n = 0;
  constructor(size: number) {
    this.a = new Int32Array(size);
  }
  push(v: number) {
    if (this.n === this.a.length) {
      const b = new Int32Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
}

const LEXEME = /'((?:[^']|'')*)'(?::([0-9A-D,]+))?/g;
function parseVector(text: string, add: boolean): [number, number, number][] {
  const out: [number, number, number][] = [];
  for (const m of text.matchAll(LEXEME)) {
    const w = (m[1] ?? "").replace(/''/g, "'");
    const t = add ? termId(w) : (vocab.get(w) ?? -1);
    for (const p of (m[2] ?? "1").split(",")) {
      const weight = p.at(-1) ?? "";
      const pos = /[A-D]/.test(weight) ? Number(p.slice(0, -1)) : Number(p);
      out.push([t, pos, fieldOf(/[A-D]/.test(weight) ? weight : "D")]);
    }
  }
  return out.sort((x, y) => x[1] - y[1]);
}

const loadStart = performance.now();
const ids: string[] = [];
const docStart = new Grow(1 << 17);
const tokTerm = new Grow(1 << 24);
const tokPos = new Grow(1 << 24);
const tokField = new Grow(1 << 24);
await sql`select id, search_vector::text as v from papers order by id`.cursor(5000, (rows) => {
  for (const row of rows) {
    ids.push(row.id as string);
    docStart.push(tokTerm.n);
    for (const [t, p, f] of parseVector(row.v as string, true)) {
      tokTerm.push(t);
      tokPos.push(p);
      tokField.push(f);
    }
  }
});
docStart.push(tokTerm.n);
const N = ids.length;
const V = words.length;
const T = tokTerm.n;
const [dStart, tTerm, tPos, tField] = [docStart.a, tokTerm.a, tokPos.a, tokField.a];
console.log(`read ${N} papers, ${T} tokens, ${V} distinct stems in ${((performance.now() - loadStart) / 1000).toFixed(1)} s`);

// ---------- inverted index: per term, the docs holding it and the term's frequency per field
const fieldLen = new Float32Array(N * FIELDS);
const df = new Int32Array(V);
const cf = new Int32Array(V); // collection frequency
for (let d = 0; d < N; d++) {
  const seen = new Set<number>();
  for (let g = dStart[d]!; g < dStart[d + 1]!; g++) {
    fieldLen[d * FIELDS + tField[g]!] = fieldLen[d * FIELDS + tField[g]!]! + 1;
    cf[tTerm[g]!] = cf[tTerm[g]!]! + 1;
    if (!seen.has(tTerm[g]!)) {
      seen.add(tTerm[g]!);
      df[tTerm[g]!] = df[tTerm[g]!]! + 1;
    }
  }
}
const postStart = new Int32Array(V + 1);
for (let t = 0; t < V; t++) postStart[t + 1] = postStart[t]! + df[t]!;
const postDoc = new Int32Array(postStart[V]!);
const postTf = new Float32Array(postStart[V]! * FIELDS);
{
  const fill = postStart.slice(0, V);
  for (let d = 0; d < N; d++) {
    const at = new Map<number, number>();
    for (let g = dStart[d]!; g < dStart[d + 1]!; g++) {
      const t = tTerm[g]!;
      let i = at.get(t);
      if (i === undefined) {
        i = fill[t]!;
        fill[t] = i + 1;
        at.set(t, i);
        postDoc[i] = d;
      }
      postTf[i * FIELDS + tField[g]!] = postTf[i * FIELDS + tField[g]!]! + 1;
    }
  }
}
const avgLen = [0, 1, 2].map((f) => {
  let s = 0;
  for (let d = 0; d < N; d++) s += fieldLen[d * FIELDS + f]!;
  return s / N;
});
const idf = new Float32Array(V);
for (let t = 0; t < V; t++) idf[t] = Math.log(1 + (N - df[t]! + 0.5) / (df[t]! + 0.5));
console.log(`index built; mean field lengths (title, keywords, abstract) ${avgLen.map((x) => x.toFixed(1)).join(", ")}`);

// ---------- queries, stemmed by PostgreSQL as the app stems them
const stemsOf = async (q: string) => {
  const [found] = await sql`select to_tsvector('english', ${q})::text as v`;
  return [...new Set(parseVector(found?.v as string, false).map(([t]) => t))].filter((t) => t >= 0);
};
interface Query {
  kind: "description" | "title" | "typo";
  target: number;
  terms: number[];
  q: string;
}
const docOf = new Map(ids.map((id, d) => [id, d]));
const queries: Query[] = [];
for (const h of heldOutPapers()) {
  const target = docOf.get(h.id);
  if (target === undefined) throw new Error(`${h.id} is not in the database`);
  queries.push({ kind: "description", target, q: h.description, terms: await stemsOf(h.description) });
  queries.push({ kind: "title", target, q: h.remembered, terms: await stemsOf(h.remembered) });
  if (h.typo) queries.push({ kind: "typo", target, q: h.typo, terms: await stemsOf(h.typo) });
}

// ---------- BM25F over the whole store, with optional proximity and weighted extra terms
interface Method {
  name: string;
  w: number[]; // field weights: title, keywords, abstract
  k1?: number;
  b?: number;
  /** Bonus weight for pairs of query words within `window` positions. */
  prox?: number;
  window?: number;
  /** Extra (term, weight) pairs per query term: expansion. */
  expand?: (t: number) => [number, number][];
  /** MaxScore-style candidates: docs holding the rarest terms whose postings fit this budget. */
  budget?: number;
}

const scores = new Float32Array(N);
const touched = new Grow(N);
const mark = new Uint8Array(N);
let postingsRead = 0;

function score(m: Method, terms: number[]): Map<number, number> {
  const k1 = m.k1 ?? 1.2;
  const b = m.b ?? 0.75;
  const weighted = new Map<number, number>();
  for (const t of terms) weighted.set(t, 1);
  if (m.expand) for (const t of terms) for (const [u, w] of m.expand(t)) if ((weighted.get(u) ?? 0) < w) weighted.set(u, w);
  let allowed: Uint8Array | null = null;
  if (m.budget) {
    allowed = new Uint8Array(N);
    let used = 0;
    for (const t of [...terms].sort((x, y) => df[x]! - df[y]!)) {
      if (!(df[t]! > 0)) continue;
      if (used + df[t]! > m.budget && used > 0) break;
      used += df[t]!;
      for (let i = postStart[t]!; i < postStart[t + 1]!; i++) allowed[postDoc[i]!] = 1;
    }
    postingsRead += used;
  }
  touched.n = 0;
  for (const [t, wq] of weighted) {
    if (!m.budget) postingsRead += df[t] ?? 0;
    for (let i = postStart[t]!; i < postStart[t + 1]!; i++) {
      const d = postDoc[i]!;
      if (allowed && !allowed[d]!) continue;
      let tf = 0;
      for (let f = 0; f < FIELDS; f++) {
        const x = postTf[i * FIELDS + f]!;
        if (x > 0) tf += (m.w[f]! * x) / (1 - b + (b * fieldLen[d * FIELDS + f]!) / (avgLen[f]! || 1));
      }
      if (!mark[d]!) {
        mark[d] = 1;
        scores[d] = 0;
        touched.push(d);
      }
      scores[d] = scores[d]! + wq * idf[t]! * ((tf * (k1 + 1)) / (tf + k1));
    }
  }
  const out = new Map<number, number>();
  for (let i = 0; i < touched.n; i++) {
    const d = touched.a[i]!;
    out.set(d, scores[d]!);
    mark[d] = 0;
  }
  if (m.prox) addProximity(m, terms, out);
  return out;
}

/** For the best 1,000 by BM25F: pairs of distinct query words within a window, weighted by the rarer one's idf over their distance. */
function addProximity(m: Method, terms: number[], out: Map<number, number>) {
  const window = m.window ?? 8;
  const slot = new Map(terms.map((t, k) => [t, k]));
  const Q = terms.length;
  const lastPos = new Float64Array(Q);
  const best = new Float64Array(Q * Q);
  const top = [...out].sort((x, y) => y[1] - x[1]).slice(0, 1000);
  for (const [d, s] of top) {
    lastPos.fill(-Infinity);
    best.fill(Infinity);
    for (let g = dStart[d]!; g < dStart[d + 1]!; g++) {
      const k = slot.get(tTerm[g]!);
      if (k === undefined) continue;
      const p = tPos[g]!;
      for (let j = 0; j < Q; j++) {
        const dist = p - lastPos[j]!;
        if (j !== k && dist <= window && dist < best[k * Q + j]!) best[k * Q + j] = dist;
      }
      lastPos[k] = p;
    }
    let bonus = 0;
    for (let k = 0; k < Q; k++)
      for (let j = 0; j < Q; j++) {
        const dist = best[k * Q + j]!;
        if (dist < Infinity) bonus += Math.min(idf[terms[k]!]!, idf[terms[j]!]!) / dist;
      }
    out.set(d, s + (m.prox ?? 0) * bonus);
  }
}

function rankOf(m: Method, qr: Query): number | null {
  const s = score(m, qr.terms);
  const mine = s.get(qr.target);
  if (!mine) return null;
  let ahead = 0;
  for (const [d, x] of s) if (d !== qr.target && x >= mine) ahead++;
  return ahead + 1;
}

const TOP = { description: 10, title: 3, typo: 5 } as const;
const rows: string[] = [];
function evaluate(m: Method) {
  postingsRead = 0;
  const started = performance.now();
  const r = queries.map((q) => ({ q, rank: rankOf(m, q) }));
  const ms = (performance.now() - started) / queries.length;
  const hits = (kind: Query["kind"], top: number) => r.filter((x) => x.q.kind === kind && x.rank !== null && x.rank <= top).length;
  const desc = r.filter((x) => x.q.kind === "description");
  const mrr = desc.reduce((s, x) => s + (x.rank ? 1 / x.rank : 0), 0) / desc.length;
  const line = `| ${m.name} | ${hits("description", 10)} | ${hits("description", 3)} | ${hits("title", TOP.title)} of 24 | ${hits("typo", TOP.typo)} of 10 | ${mrr.toFixed(3)} | ${(postingsRead / queries.length / 1000).toFixed(0)}k | ${ms.toFixed(1)} |`;
  rows.push(line);
  console.log(line, "  desc ranks:", desc.map((x) => x.rank ?? "-").join(" "));
  return r;
}

console.log("\n| method | desc top 10 | desc top 3 | titles top 3 | typos top 5 | desc MRR | postings/query | ms/query (JS) |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
const W = [
  [3, 1.5, 1],
  [2, 1, 1],
  [5, 2, 1],
];
for (const w of W) evaluate({ name: `b. BM25F w=${w.join("/")}`, w });
const bestW = [3, 1.5, 1];
for (const b of [0.5, 0.9]) evaluate({ name: `b. BM25F w=3/1.5/1 b=${b}`, w: bestW, b });
for (const prox of [0.5, 1, 2]) evaluate({ name: `c. + proximity ×${prox}, window 8`, w: bestW, prox, window: 8 });

/** Query words the corpus lacks, widened to the stems one edit away (Damerau), each at full weight. */
const byLength = new Map<number, number[]>();
words.forEach((w, t) => byLength.set(w.length, [...(byLength.get(w.length) ?? []), t]));
function oneEdit(t: number): [number, number][] {
  if ((df[t] ?? 0) > 0) return [];
  const w = words[t]!;
  const near = [w.length - 1, w.length, w.length + 1].flatMap((n) =>
    (byLength.get(n) ?? []).filter((u) => df[u]! >= 1 && oneEditApart(w, words[u]!)),
  );
  return near.map((u) => [u, 1]);
}
const stemOrNew = async (q: string) => {
  const [found] = await sql`select to_tsvector('english', ${q})::text as v`;
  return [...new Set(parseVector(found?.v as string, true).map(([t]) => t))];
};
const knownTerms = queries.map((q) => q.terms);
for (const q of queries) if (q.kind === "typo") q.terms = await stemOrNew(q.q);
evaluate({ name: "g. BM25F + one-edit widening of unknown words", w: bestW, expand: oneEdit });
evaluate({ name: "g. + proximity ×0.5", w: bestW, prox: 0.5, expand: oneEdit });
queries.forEach((q, k) => (q.terms = knownTerms[k]!));
for (const budget of [2_000, 5_000, 10_000, 20_000, 50_000])
  evaluate({ name: `f. MaxScore-style candidates, budget ${budget / 1000}k`, w: bestW, budget });

if (process.argv.includes("--retrieval-only")) {
  console.log("\nall rows:\n" + rows.join("\n"));
  await sql.end();
  process.exit(0);
}

// ---------- co-occurrence: window ±5 positions within a field, over words seen in ≥ 5 papers (the 30k most frequent)
const coStart = performance.now();
const MAXV = 30_000;
const MIN_DF = 5;
const MIN_PAIR = 3;
const kept = [...Array(V).keys()]
  .filter((t) => df[t]! >= MIN_DF)
  .sort((x, y) => cf[y]! - cf[x]!)
  .slice(0, MAXV);
const row = new Int32Array(V).fill(-1); // term -> row
kept.forEach((t, i) => (row[t] = i));
const R = kept.length;
const occStart = new Int32Array(R + 1);
for (let g = 0; g < T; g++) {
  const i = row[tTerm[g]!]!;
  if (i >= 0) occStart[i + 1] = occStart[i + 1]! + 1;
}
for (let i = 0; i < R; i++) occStart[i + 1] = occStart[i + 1]! + occStart[i]!;
const occ = new Int32Array(occStart[R]!);
{
  const fill = occStart.slice(0, R);
  for (let g = 0; g < T; g++) {
    const i = row[tTerm[g]!]!;
    if (i < 0) continue;
    occ[fill[i]!] = g;
    fill[i] = fill[i]! + 1;
  }
}
const tokDoc = new Int32Array(T);
for (let d = 0; d < N; d++) tokDoc.fill(d, dStart[d]!, dStart[d + 1]!);
const WIN = 5;
const cRowStart = new Int32Array(R + 1);
const cCols = new Grow(1 << 22);
const cVals = new Grow(1 << 22);
{
  const scratch = new Int32Array(R);
  const hit = new Grow(R);
  for (let i = 0; i < R; i++) {
    hit.n = 0;
    for (let o = occStart[i]!; o < occStart[i + 1]!; o++) {
      const g = occ[o]!;
      const d = tokDoc[g]!;
      for (const dir of [-1, 1]) {
        for (let h = g + dir; h >= dStart[d]! && h < dStart[d + 1]!; h += dir) {
          if (Math.abs(tPos[h]! - tPos[g]!) > WIN) break;
          if (tField[h]! !== tField[g]!) break;
          const j = row[tTerm[h]!]!;
          if (j < 0 || j === i) continue;
          if (scratch[j]! === 0) hit.push(j);
          scratch[j] = scratch[j]! + 1;
        }
      }
    }
    const js = hit.a.subarray(0, hit.n).sort();
    for (const j of js) {
      if (scratch[j]! >= MIN_PAIR) {
        cCols.push(j);
        cVals.push(scratch[j]!);
      }
      scratch[j] = 0;
    }
    cRowStart[i + 1] = cCols.n;
  }
}
const nnz = cCols.n;
const marg = new Float64Array(R);
let total = 0;
for (let i = 0; i < R; i++)
  for (let e = cRowStart[i]!; e < cRowStart[i + 1]!; e++) {
    marg[i] = marg[i]! + cVals.a[e]!;
    total += cVals.a[e]!;
  }
let margA = 0;
for (let i = 0; i < R; i++) margA += marg[i]! ** 0.75;
// PPMI with context-distribution smoothing (α = 0.75)
const ppmi = new Float32Array(nnz);
for (let i = 0; i < R; i++)
  for (let e = cRowStart[i]!; e < cRowStart[i + 1]!; e++) {
    const j = cCols.a[e]!;
    const v = Math.log(cVals.a[e]! / total / ((marg[i]! / total) * (marg[j]! ** 0.75 / margA)));
    ppmi[e] = v > 0 ? v : 0;
  }
const ppmiNorm = new Float32Array(R);
for (let i = 0; i < R; i++) {
  let s = 0;
  for (let e = cRowStart[i]!; e < cRowStart[i + 1]!; e++) s += ppmi[e]! * ppmi[e]!;
  ppmiNorm[i] = Math.sqrt(s);
}
const ppmiSeconds = (performance.now() - coStart) / 1000;
console.log(`\nPPMI: ${R} words, ${nnz} pairs (count ≥ ${MIN_PAIR}), ${ppmiSeconds.toFixed(1)} s`);

/** First order: the words with the highest PPMI beside the word, similarity scaled to the row's best. */
function ppmiFirst(t: number, k: number): [number, number][] {
  const i = row[t] ?? -1;
  if (i < 0) return [];
  const list: [number, number][] = [];
  for (let e = cRowStart[i]!; e < cRowStart[i + 1]!; e++) list.push([kept[cCols.a[e]!]!, ppmi[e]!]);
  list.sort((x, y) => y[1] - x[1]);
  const best = list[0]?.[1] ?? 1;
  return list.slice(0, k).map(([u, v]) => [u, v / best]);
}
/** A word's 20 most similar kept words by `similarities(row)` (a similarity per row), computed once per word. */
function nearest(similarities: (i: number) => ArrayLike<number>): (t: number, k: number) => [number, number][] {
  const cache = new Map<number, [number, number][]>();
  return (t, k) => {
    const i = row[t] ?? -1;
    if (i < 0) return [];
    let all = cache.get(t);
    if (!all) {
      const sims = similarities(i);
      all = [];
      for (let j = 0; j < R; j++) if (j !== i && sims[j]! > 0) all.push([kept[j]!, sims[j]!]);
      all = all.sort((x, y) => y[1] - x[1]).slice(0, 20);
      cache.set(t, all);
    }
    return all.slice(0, k);
  };
}
/** Second order: cosine of PPMI rows (words used beside the same words). */
const ppmiCosine = nearest((i) => {
  // the matrix is close to symmetric: row j of a neighbour c holds ppmi(c, j); use rows as columns
  const acc = new Float32Array(R);
  for (let e = cRowStart[i]!; e < cRowStart[i + 1]!; e++) {
    const c = cCols.a[e]!;
    const v = ppmi[e]!;
    if (v === 0) continue;
    for (let f = cRowStart[c]!; f < cRowStart[c + 1]!; f++) acc[cCols.a[f]!] = acc[cCols.a[f]!]! + v * ppmi[f]!;
  }
  for (let j = 0; j < R; j++) acc[j] = acc[j]! / (ppmiNorm[i]! * ppmiNorm[j]! || 1);
  return acc;
});

// ---------- LSA: randomized SVD of the PPMI matrix (one power iteration), word vectors U·S^0.5
const lsaStart = performance.now();
const DIMS = Number(arg("dims", "150"));
const L = DIMS + 10;
function mulM(X: Float64Array, transpose: boolean): Float64Array {
  const Y = new Float64Array(R * L);
  for (let i = 0; i < R; i++)
    for (let e = cRowStart[i]!; e < cRowStart[i + 1]!; e++) {
      const v = ppmi[e]!;
      if (v === 0) continue;
      const j = cCols.a[e]!;
      const [to, from] = transpose ? [j, i] : [i, j];
      for (let c = 0; c < L; c++) Y[to * L + c] = Y[to * L + c]! + v * X[from * L + c]!;
    }
  return Y;
}
function orthonormalize(Y: Float64Array) {
  // modified Gram–Schmidt on the L columns
  for (let c = 0; c < L; c++) {
    for (let p = 0; p < c; p++) {
      let dot = 0;
      for (let i = 0; i < R; i++) dot += Y[i * L + c]! * Y[i * L + p]!;
      for (let i = 0; i < R; i++) Y[i * L + c] = Y[i * L + c]! - dot * Y[i * L + p]!;
    }
    let n = 0;
    for (let i = 0; i < R; i++) n += Y[i * L + c]! ** 2;
    n = Math.sqrt(n) || 1;
    for (let i = 0; i < R; i++) Y[i * L + c] = Y[i * L + c]! / n;
  }
}
let rng = 42;
const rand = () => {
  rng = (rng * 1103515245 + 12345) % 2147483648;
  return rng / 2147483648 - 0.5;
};
const Omega = new Float64Array(R * L).map(rand);
let Q = mulM(Omega, false);
orthonormalize(Q);
Q = mulM(mulM(Q, true), false);
orthonormalize(Q);
// B = Qᵀ M (L×R); Bt = Mᵀ Q (R×L); eigen of B·Bᵀ (L×L) by Jacobi
const Bt = mulM(Q, true);
const G = new Float64Array(L * L);
for (let i = 0; i < R; i++)
  for (let a = 0; a < L; a++) {
    const x = Bt[i * L + a]!;
    if (x === 0) continue;
    for (let c = a; c < L; c++) G[a * L + c] = G[a * L + c]! + x * Bt[i * L + c]!;
  }
for (let a = 0; a < L; a++) for (let c = 0; c < a; c++) G[a * L + c] = G[c * L + a]!;
const E = new Float64Array(L * L);
for (let a = 0; a < L; a++) E[a * L + a] = 1;
for (let sweep = 0; sweep < 12; sweep++) {
  let off = 0;
  for (let p = 0; p < L; p++)
    for (let q = p + 1; q < L; q++) {
      const apq = G[p * L + q]!;
      off += apq * apq;
      if (Math.abs(apq) < 1e-12) continue;
      const theta = (G[q * L + q]! - G[p * L + p]!) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let k = 0; k < L; k++) {
        const gkp = G[k * L + p]!;
        const gkq = G[k * L + q]!;
        G[k * L + p] = c * gkp - s * gkq;
        G[k * L + q] = s * gkp + c * gkq;
      }
      for (let k = 0; k < L; k++) {
        const gpk = G[p * L + k]!;
        const gqk = G[q * L + k]!;
        G[p * L + k] = c * gpk - s * gqk;
        G[q * L + k] = s * gpk + c * gqk;
      }
      for (let k = 0; k < L; k++) {
        const ekp = E[k * L + p]!;
        const ekq = E[k * L + q]!;
        E[k * L + p] = c * ekp - s * ekq;
        E[k * L + q] = s * ekp + c * ekq;
      }
    }
  if (off < 1e-18) break;
}
const order = [...Array(L).keys()].sort((x, y) => G[y * L + y]! - G[x * L + x]!).slice(0, DIMS);
// U = Q·E (columns of the top eigenvalues), vectors = U·S^0.5 where S = sqrt(eigenvalue), then unit length
const vec = new Float32Array(R * DIMS);
for (let i = 0; i < R; i++) {
  let n = 0;
  for (let k = 0; k < DIMS; k++) {
    const col = order[k]!;
    let u = 0;
    for (let a = 0; a < L; a++) u += Q[i * L + a]! * E[a * L + col]!;
    const v = u * Math.pow(Math.max(G[col * L + col]!, 0), 0.25);
    vec[i * DIMS + k] = v;
    n += v * v;
  }
  n = Math.sqrt(n) || 1;
  for (let k = 0; k < DIMS; k++) vec[i * DIMS + k] = vec[i * DIMS + k]! / n;
}
const lsaSeconds = (performance.now() - lsaStart) / 1000;
console.log(`LSA: ${DIMS} dimensions of ${R} words, ${lsaSeconds.toFixed(1)} s`);

const lsaNear = nearest((i) => {
  const sims = new Float32Array(R);
  for (let j = 0; j < R; j++) {
    let dot = 0;
    for (let c = 0; c < DIMS; c++) dot += vec[i * DIMS + c]! * vec[j * DIMS + c]!;
    sims[j] = dot;
  }
  return sims;
});

const mem = process.memoryUsage();
console.log(
  `memory: rss ${(mem.rss / 2 ** 20).toFixed(0)} MB, heap ${(mem.heapUsed / 2 ** 20).toFixed(0)} MB, array buffers ${(mem.arrayBuffers / 2 ** 20).toFixed(0)} MB`,
);

console.log("\nrelated words (stem: similarity)");
for (const w of ["shrink", "codec", "merging", "quantize", "chatbot", "photos"]) {
  const [t] = await stemsOf(w);
  const show = (l: [number, number][]) => l.map(([u, s]) => `${words[u]!} ${s.toFixed(2)}`).join(", ");
  if (t === undefined) {
    console.log(`${w}: not in the corpus`);
    continue;
  }
  console.log(
    `${w} (${words[t]!}, ${df[t]!} papers)\n  PPMI top:    ${show(ppmiFirst(t, 8))}\n  PPMI cosine: ${show(ppmiCosine(t, 8))}\n  LSA cosine:  ${show(lsaNear(t, 8))}`,
  );
}

console.log("\n| method | desc top 10 | desc top 3 | titles top 3 | typos top 5 | desc MRR | postings/query | ms/query (JS) |");
console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
const sources: [string, (t: number, k: number) => [number, number][]][] = [
  ["PPMI top", ppmiFirst],
  ["PPMI cosine", ppmiCosine],
  ["LSA", lsaNear],
];
const PROX = Number(arg("prox", "1"));
for (const [label, near] of sources)
  for (const k of [3, 5, 10])
    for (const alpha of [0.1, 0.3, 0.5])
      evaluate({ name: `d/e. + ${label} k=${k} α=${alpha}`, w: bestW, expand: (t) => near(t, k).map(([u, s]) => [u, alpha * s]) });
for (const [label, near] of sources)
  evaluate({
    name: `c+d/e. prox ×${PROX} + ${label} k=5 α=0.3`,
    w: bestW,
    prox: PROX,
    expand: (t) => near(t, 5).map(([u, s]) => [u, 0.3 * s]),
  });

console.log("\nall rows:\n" + rows.join("\n"));
await sql.end();
