/** A deterministic synthetic corpus, paper i a pure function of (seed, i); Zipf-drawn pseudo-words make some words common and most rare, as in real papers. */
import { heldOutPapers, samplePapers } from "./quality/held-out";

export interface SyntheticPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  organizationName: string | null;
  publishedAt: string;
  sourceUpvotes: number;
  aiKeywords: string[];
  categories: string[];
}

/** mulberry32: small, fast, and the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = [
  "ka",
  "zo",
  "ri",
  "mex",
  "tul",
  "var",
  "nio",
  "quen",
  "dra",
  "lis",
  "po",
  "sef",
  "gan",
  "thu",
  "bel",
  "or",
  "vik",
  "xa",
  "lum",
  "ter",
];
export const VOCABULARY = 20 ** 4;

/** The pseudo-word of a rank: unique, pronounceable, not English. */
export function pseudoWord(rank: number): string {
  let word = "";
  let n = rank;
  for (let i = 0; i < 4; i += 1) {
    word += SYLLABLES[n % 20];
    n = Math.floor(n / 20);
  }
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A rank with P(rank = k) roughly proportional to 1 / (k + 1): Zipf's law with s = 1. */
function zipfRank(random: () => number): number {
  return Math.min(VOCABULARY - 1, Math.floor(Math.exp(random() * Math.log(VOCABULARY + 1))) - 1);
}

const FIRST = [
  "Wei",
  "Ana",
  "Luca",
  "Priya",
  "Kenji",
  "Sara",
  "Omar",
  "Lena",
  "Diego",
  "Mei",
  "Ivan",
  "Chloe",
  "Arjun",
  "Nora",
  "Yuki",
  "Tom",
];
const LAST = [
  "Zhang",
  "Garcia",
  "Rossi",
  "Patel",
  "Sato",
  "Müller",
  "Haddad",
  "Novak",
  "Silva",
  "Chen",
  "Kim",
  "Dubois",
  "Singh",
  "Larsen",
  "Wang",
  "Okafor",
];
const CATEGORIES = ["cs.CL", "cs.CV", "cs.LG", "cs.AI", "stat.ML", "cs.RO", "eess.IV", "cs.IR", "cs.SD", "cs.CR"];
export const ORGANIZATIONS = Array.from({ length: 200 }, (_, i) => `org-${String(i).padStart(3, "0")}`);
const DAY_MS = 86_400_000;
const FIRST_DAY = Date.UTC(2018, 0, 1);
const DAYS = 3100;

interface Material {
  titlePhrases: string[][];
  sentences: string[];
  words: string[];
}

let material: Material | null = null;

/** Bump when what paper i is changes, so benches do not reuse databases loaded with other papers (bench/marker.ts). */
export const CORPUS_VERSION = 2;

function loadMaterial(): Material {
  if (material) return material;
  // The search quality benchmark hides these papers among generated ones, which must not hold their sentences.
  const heldOut = new Set(heldOutPapers().map((h) => h.id));
  // In id order, so the corpus does not change when the sample file is reordered.
  const sample = samplePapers()
    .filter((p) => !heldOut.has(p.id))
    .sort((a, b) => a.id.localeCompare(b.id));
  const titlePhrases = sample.map((p) => (p.title.split(":").at(-1) ?? p.title).trim().split(/\s+/));
  const sentences = sample.flatMap((p) => p.abstract.split(/(?<=\.)\s+(?=[A-Z])/).filter((s) => s.length > 30));
  const words = sample.flatMap((p) => p.abstract.match(/[A-Za-z][a-z]{3,}/g) ?? []);
  material = { titlePhrases, sentences, words };
  return material;
}

const pick = <T>(random: () => number, list: T[]): T => list[Math.floor(random() * list.length)] as T;

function span(random: () => number, words: string[], min: number, max: number): string[] {
  const length = Math.min(words.length, min + Math.floor(random() * (max - min + 1)));
  const start = Math.floor(random() * (words.length - length + 1));
  return words.slice(start, start + length);
}

/** arXiv-shaped (`1001.00042`) and unique for up to 9 million papers. */
export const paperId = (i: number) => `${10 + Math.floor(i / 100_000)}01.${String(i % 100_000).padStart(5, "0")}`;

export function syntheticPaper(seed: number, i: number): SyntheticPaper {
  const { titlePhrases, sentences, words } = loadMaterial();
  // Seeding per paper keeps any paper reproducible alone, whatever order they are made in.
  const random = prng((seed * 1_000_003 + i) >>> 0);
  const methods = [pseudoWord(zipfRank(random)), pseudoWord(zipfRank(random)), pseudoWord(zipfRank(random))];
  const [method = "", other = "", third = ""] = methods;

  const phrase = [...span(random, pick(random, titlePhrases), 2, 5), ...span(random, pick(random, titlePhrases), 2, 5)];
  const title = random() < 0.6 ? `${method}: ${phrase.join(" ")}` : phrase.join(" ");

  const count = 6 + Math.floor(random() * 5);
  const body: string[] = [];
  for (let s = 0; s < count; s += 1) {
    let sentence = pick(random, sentences);
    // Swap a word now and then, so no two abstracts share all their sentences verbatim.
    if (random() < 0.5) {
      const all = sentence.split(" ");
      all[Math.floor(random() * all.length)] = pick(random, words);
      sentence = all.join(" ");
    }
    body.push(sentence);
  }
  body.splice(
    1 + Math.floor(random() * (body.length - 1)),
    0,
    `We call our approach ${method}, and compare it with ${other} and ${third}.`,
  );

  const day = FIRST_DAY + Math.floor(random() * DAYS) * DAY_MS;
  const publishedAt = new Date(day).toISOString().slice(0, 10);
  const authorCount = 1 + Math.floor(random() * 8);
  const primary = pick(random, CATEGORIES);
  const secondary = pick(random, CATEGORIES);
  return {
    id: paperId(i),
    title,
    abstract: body.join(" "),
    authors: Array.from({ length: authorCount }, () => `${pick(random, FIRST)} ${pick(random, LAST)}`),
    organizationName: random() < 0.3 ? pick(random, ORGANIZATIONS) : null,
    publishedAt,
    // Heavy-tailed like real upvotes: most papers have a few, some have hundreds.
    sourceUpvotes: Math.floor(Math.exp(random() * random() * 7)) - 1,
    aiKeywords: [method.toLowerCase(), ...span(random, phrase, 1, 2).map((w) => w.toLowerCase())],
    categories: primary === secondary ? [primary] : [primary, secondary],
  };
}
