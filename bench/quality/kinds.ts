/** The query kinds of the search quality benchmark and the targets of issue 23, item 3 (bench/README.md, "Search quality benchmark"). */
import type { HeldOutPaper } from "./held-out";

export interface Kind {
  kind: "description" | "title" | "typo";
  label: string;
  /** A query counts as a hit when its paper is among the first `top` results. */
  top: number;
  query: (paper: HeldOutPaper) => string | undefined;
  target: (papers: number) => number;
}

export const KINDS: Kind[] = [
  {
    kind: "description",
    label: "descriptions",
    top: 10,
    query: (h) => h.description,
    target: (papers) => (papers >= 1_000_000 ? 12 / 20 : 15 / 20),
  },
  { kind: "title", label: "half-remembered titles", top: 3, query: (h) => h.remembered, target: () => 1 },
  { kind: "typo", label: "one-letter typos", top: 5, query: (h) => h.typo, target: () => 1 },
];

/** Single-client p95 of every kind, at a million papers. */
export const P95_TARGET_MS = 150;
export const DEPTH = 100;

export interface QueryResult {
  id: string;
  q: string;
  /** 1-based, or null when the paper is not in the first DEPTH results. */
  rank: number | null;
  match: string | null;
  correctedQuery: string | null;
  ms: number[];
}

export interface KindResult {
  kind: Kind["kind"];
  queries: QueryResult[];
  samples: number;
  p50: number;
  p95: number;
  p99: number;
}

export interface EngineResult {
  engine: string;
  papers: number;
  kinds: KindResult[];
}
