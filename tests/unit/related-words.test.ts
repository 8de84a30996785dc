// Related words (lib/search/related-words.ts): the tsvector reader and what co-occurrence learns.
import { describe, expect, it } from "vitest";
import { learnRelated, parseTsvector, type StemOccurrences } from "@/lib/search/related-words";

describe("parseTsvector", () => {
  it("reads lexemes, positions and fields as PostgreSQL prints them", () => {
    expect(parseTsvector(`'2-bit':4C 'a':1A,5 'b''c':2 'd\\\\e':3C,7B 'x'`)).toEqual([
      { lexeme: "2-bit", positions: [4], fields: ["C"] },
      { lexeme: "a", positions: [1, 5], fields: ["A", "D"] },
      { lexeme: "b'c", positions: [2], fields: ["D"] },
      { lexeme: "d\\e", positions: [3, 7], fields: ["C", "B"] },
      { lexeme: "x", positions: [], fields: [] },
    ]);
    expect(parseTsvector("")).toEqual([]);
  });
});

/** A paper from sentences of words, in the abstract (C), positions counted on from 1 as to_tsvector does. */
function paper(...sentences: string[]): StemOccurrences[] {
  const byWord = new Map<string, number[]>();
  let position = 0;
  for (const sentence of sentences)
    for (const word of sentence.split(" ")) {
      position += 1;
      byWord.set(word, [...(byWord.get(word) ?? []), position]);
    }
  return [...byWord].map(([lexeme, positions]) => ({ lexeme, positions, fields: positions.map(() => "C") }));
}

describe("learnRelated", () => {
  // "codec" and "compressor" never meet, but both sit beside "imag", "bitrat" and "entropi"; "robot" keeps other company.
  const corpus = [
    ...Array.from({ length: 6 }, (_, i) => paper(`learn codec imag bitrat entropi filler${i}`, `model studi`)),
    ...Array.from({ length: 6 }, (_, i) => paper(`neural compressor imag bitrat entropi other${i}`, `model studi`)),
    ...Array.from({ length: 6 }, (_, i) => paper(`robot grasp arm motor control thing${i}`, `model studi`)),
  ];

  it("relates words used in the same contexts, though they never appear together", async () => {
    const related = new Map((await learnRelated(corpus, { minPapers: 3, maxShare: 0.9 })).map((r) => [r.lexeme, r]));
    const codec = related.get("codec")!;
    // Its company ("bitrat", "imag") is close too: second order is about shared company, and here all of it is shared.
    expect(codec.related).toContain("compressor");
    expect(codec.similarity[codec.related.indexOf("compressor")]).toBeGreaterThan(0.3);
    expect(new Set(codec.related)).toEqual(new Set(["bitrat", "entropi", "imag", "learn", "neural", "compressor"]));
    expect(new Set(related.get("robot")!.related)).toEqual(new Set(["arm", "control", "motor", "grasp"]));
    // Most similar first, each similarity in (0, 1].
    for (const r of related.values()) {
      expect([...r.similarity].sort((a, b) => b - a)).toEqual(r.similarity);
      for (const s of r.similarity) {
        expect(s).toBeGreaterThan(0);
        expect(s).toBeLessThanOrEqual(1);
      }
    }
  });

  it("offers no word most papers hold, learns nothing from words too rare, and nothing across fields", async () => {
    const related = new Map((await learnRelated(corpus, { minPapers: 3, maxShare: 0.9 })).map((r) => [r.lexeme, r]));
    // "model" is in every paper: context only.
    expect(related.has("model")).toBe(false);
    for (const r of related.values()) expect(r.related).not.toContain("model");
    // filler0 is in one paper.
    expect(related.has("filler0")).toBe(false);
    const split = corpus.map((p) => p.map((o) => ({ ...o, fields: o.fields.map((_, k) => (o.positions[k]! % 2 ? "A" : "C")) })));
    const none = await learnRelated(split, { minPapers: 3, maxShare: 0.9, window: 1 });
    expect(none).toEqual([]);
  });
});
