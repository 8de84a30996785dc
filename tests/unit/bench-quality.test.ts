import { describe, expect, it } from "vitest";
import { syntheticPaper } from "@/bench/corpus";
import { heldOutPapers, oneEditApart, samplePapers, titleWords } from "@/bench/quality/held-out";

const GENERATED = Array.from({ length: 3000 }, (_, i) => syntheticPaper(42, i));
const held = heldOutPapers();
const heldIds = new Set(held.map((h) => h.id));

describe("the search quality benchmark's held-out papers", () => {
  it("are 20 or more sample papers across themes, 10 of them with a typo query", () => {
    expect(held.length).toBeGreaterThanOrEqual(20);
    expect(new Set(held.map((h) => h.theme.split(":")[0])).size).toBeGreaterThanOrEqual(8);
    expect(held.filter((h) => h.typo).length).toBe(10);
  });

  it("are described mostly in words their titles do not use", () => {
    for (const h of held) {
      const title = new Set(titleWords(h.paper.title));
      const described = titleWords(h.description).filter((w) => w.length > 3);
      expect(described.filter((w) => title.has(w)).length, h.id).toBeLessThanOrEqual(described.length / 4);
    }
  });

  it("never lend a sentence to a generated abstract", () => {
    const sentences = held.flatMap((h) => h.paper.abstract.split(/(?<=\.)\s+(?=[A-Z])/).filter((s) => s.length > 30));
    const abstracts = GENERATED.map((p) => p.abstract).join("\n");
    expect(sentences.filter((s) => abstracts.includes(s))).toEqual([]);
  });

  it("never lend a word of their own to a generated paper", () => {
    // The corpus swaps in words as /[A-Za-z][a-z]{3,}/ cuts them: "SharedLLM" lends "Shared".
    const others = new Set(
      samplePapers().flatMap((p) => {
        const text = `${p.title} ${p.abstract}`;
        return heldIds.has(p.id) ? [] : [...titleWords(text), ...(text.match(/[A-Za-z][a-z]{3,}/g) ?? []).map((w) => w.toLowerCase())];
      }),
    );
    const own = new Set(
      held.flatMap((h) => titleWords(`${h.paper.title} ${h.paper.abstract}`)).filter((w) => w.length > 4 && !others.has(w)),
    );
    expect(own.size).toBeGreaterThan(100);
    const generated = new Set(GENERATED.flatMap((p) => titleWords(`${p.title} ${p.abstract}`)));
    expect([...own].filter((w) => generated.has(w))).toEqual([]);
  });
});

describe("oneEditApart", () => {
  it("accepts one letter dropped, added, replaced or two swapped, and nothing else", () => {
    expect(oneEditApart("scisorhands", "scissorhands")).toBe(true);
    expect(oneEditApart("locert", "locret")).toBe(true);
    expect(oneEditApart("histogarm", "histogram")).toBe(true);
    expect(oneEditApart("kolmogorovv", "kolmogorov")).toBe(true);
    expect(oneEditApart("kalmogorov", "kolmogorov")).toBe(true);
    expect(oneEditApart("kolmogorov", "kolmogorov")).toBe(false);
    expect(oneEditApart("klomgorov", "kolmogorov")).toBe(false);
    expect(oneEditApart("lcoert", "locret")).toBe(false);
  });
});
