import { beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { refreshSearchStatistics } from "@/db/queries/search/stats";
import { trendingWindow } from "@/db/queries/trending";
import { loadSimilarPapers, loadTrending, TRENDING_MINIMUM } from "@/server/papers";
import { searchPapers } from "@/server/search";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

// Filler papers share the everyday words of the field, so that only the distinctive ones tell.
const FILLER = Array.from({ length: 40 }, (_, i) =>
  makePaper({
    id: `2605.${String(20000 + i)}`,
    title: `Efficient model training study ${i}`,
    abstract: `We study efficient training of a neural model on benchmark data, number ${i}. The model improves results.`,
    listedOn: `2025-${String(1 + (i % 12)).padStart(2, "0")}-10`,
    sourceUpvotes: i,
  }),
);

beforeAll(async () => {
  await resetDatabase();
  await insertPapers([
    ...FILLER,
    makePaper({
      id: "2605.00001",
      title: "Self-Summarizing Reasoning: Compressing Chain-of-Thought into Memory Tokens",
      abstract:
        "Long chain-of-thought reasoning fills the KV cache. We teach the model to summarize its own reasoning into compact memory tokens, which cuts memory use fourfold on math benchmarks.",
      sourceUpvotes: 3,
    }),
    makePaper({
      id: "2605.00002",
      title: "Summarizing Chain-of-Thought Reasoning into Compact Memory Tokens",
      abstract:
        "Chain-of-thought reasoning consumes memory. The model learns to summarize its own reasoning into compact memory tokens, cutting memory use on math benchmarks.",
      sourceUpvotes: 1,
    }),
    makePaper({
      id: "2605.00003",
      title: "Tokenizers for Chemistry",
      abstract: "A tokenizer for molecules. Memory is not the issue here; vocabulary is.",
      sourceUpvotes: 50,
    }),
    makePaper({
      id: "2605.00004",
      title: "Saving Memory in Long-Context Transformers",
      abstract: "We save memory by evicting cached keys. Reasoning quality holds on long documents.",
      sourceUpvotes: 20,
    }),
  ]);
  await refreshSearchStatistics(await getDb());
});

describe("similar papers", () => {
  it("puts the near-duplicate first, and never the paper itself", async () => {
    const similar = await loadSimilarPapers("2605.00001");
    expect(similar[0]?.id).toBe("2605.00002");
    expect(similar.map((p) => p.id)).not.toContain("2605.00001");
    expect(similar.length).toBeLessThanOrEqual(5);
  });

  it("answers nothing for an unknown paper", async () => {
    expect(await loadSimilarPapers("2605.99999")).toEqual([]);
  });
});

describe("partial matches for queries in plain words", () => {
  it("finds the paper holding the other words when one word is in no paper, after every exact match", async () => {
    const page = await searchPapers({ q: "teach a model to summarize its own chain of thought to save memory quokkas", limit: 10 });
    expect(page.hits.length).toBeGreaterThan(0);
    expect(page.hits.every((h) => h.match === "partial")).toBe(true);
    expect(page.hits[0]?.paper.id).toBe("2605.00001");
    expect(
      page.hits
        .slice(0, 2)
        .map((h) => h.paper.id)
        .sort(),
    ).toEqual(["2605.00001", "2605.00002"]);
    // The shared words are marked.
    expect(page.hits[0]?.title.some((s) => s.mark && /summariz/i.test(s.text))).toBe(true);
  });

  it("keeps exact matches first and lists each paper once", async () => {
    const page = await searchPapers({ q: "compact memory tokens summarize quokkas", limit: 20 });
    const exact = await searchPapers({ q: "compact memory tokens summarize", limit: 20 });
    // Two papers hold every word: they come first, then the partial matches.
    const whole = exact.hits.filter((h) => h.match === "text").map((h) => h.paper.id);
    expect(whole.sort()).toEqual(["2605.00001", "2605.00002"]);
    expect(exact.hits.slice(0, 2).every((h) => h.match === "text")).toBe(true);
    expect(exact.hits.slice(2).every((h) => h.match === "partial")).toBe(true);
    // No paper holds "quokkas" (spelling correction may try a word like it): none matches whole,
    // and the two that hold all the rest lead.
    expect(page.hits.some((h) => h.match === "text")).toBe(false);
    expect(
      page.hits
        .slice(0, 2)
        .map((h) => h.paper.id)
        .sort(),
    ).toEqual(whole);
    const ids = page.hits.map((h) => h.paper.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("ranks the few exact matches with the partial ones: four words in a title before five scattered in an abstract", async () => {
    const filler = "the method is evaluated on several tasks and compared with prior work under equal budgets";
    await insertPapers([
      makePaper({ id: "2605.00101", title: "Zorblat quindle vextrim plonky", abstract: "A short note.", listedOn: "2024-01-02" }),
      makePaper({
        id: "2605.00102",
        title: "A long study of many things",
        abstract: `We mention zorblat once. ${filler}. Then quindle, ${filler}. Later vextrim, ${filler}. Also plonky, ${filler}. Finally sarvath.`,
        sourceUpvotes: 50,
        listedOn: "2024-01-02",
      }),
    ]);
    const page = await searchPapers({ q: "zorblat quindle vextrim plonky sarvath", limit: 10 });
    expect(page.hits.slice(0, 2).map((h) => [h.paper.id, h.match])).toEqual([
      ["2605.00101", "partial"],
      ["2605.00102", "text"],
    ]);
    // The page says one paper holds every word though a partial match leads.
    expect(page.whole).toBe(1);
  });

  it("follows corrected matches with partial ones, never listing a paper twice", async () => {
    await insertPapers([
      makePaper({ id: "2605.00111", title: "Glimmoric brastonel vextrasine", listedOn: "2024-01-03" }),
      makePaper({ id: "2605.00112", title: "Glimmoric brastonel, and nothing more", listedOn: "2024-01-03" }),
    ]);
    // No paper holds "vextrasene": the corrected query's one match is shown, then papers sharing two of the words.
    const page = await searchPapers({ q: "glimmoric brastonel vextrasene", limit: 10 });
    expect(page.correctedQuery).toBe("glimmoric brastonel vextrasine");
    expect(page.hits.map((h) => [h.paper.id, h.match])).toEqual([
      ["2605.00111", "similar"],
      ["2605.00112", "partial"],
    ]);
  });

  it("does not count stop words or word forms as shared words", async () => {
    // "the", "of", "into" are stop words; "summaries" and "summarize" share their stem.
    const page = await searchPapers({ q: "the summaries of the reasoning into tokens", limit: 10 });
    expect(page.hits.map((h) => h.paper.id)).toContain("2605.00001");
    expect(page.hits.map((h) => h.paper.id)).not.toContain("2605.00003");
  });

  it("respects excluded words", async () => {
    const page = await searchPapers({ q: "summarize reasoning memory tokens quokkas -compressing", limit: 10 });
    expect(page.hits.map((h) => h.paper.id)).not.toContain("2605.00001");
  });
});

describe("counts and the end of the results", () => {
  it("says how many papers match and, past the end, which page is the last", async () => {
    const first = await searchPapers({ q: "model", limit: 10, count: true });
    // The 40 filler papers and the two about memory tokens.
    expect(first.total).toEqual({ count: 42, exact: true });
    const past = await searchPapers({ q: "model", limit: 10, offset: 200, count: true });
    expect(past.hits).toEqual([]);
    expect(past.lastPage).toBe(4);
  });
});

describe("trending", () => {
  it(`lists at least ${TRENDING_MINIMUM} papers when the store holds that many, widening its window`, async () => {
    // The newest listing is the default 2026-01-05 of four papers; the filler is months older.
    const trending = await loadTrending({ limit: 50 });
    expect(trending.length).toBeGreaterThanOrEqual(TRENDING_MINIMUM);
    expect(new Set(trending.map((p) => p.id)).size).toBe(trending.length);
  });

  it("widens its window to the first that holds the minimum, from the newest listing", async () => {
    const db = await getDb();
    // Newest: four papers on 2026-01-05, then three or four on the 10th of each month of 2025.
    expect(await trendingWindow(db, { minimum: 4 })).toBe(30);
    expect(await trendingWindow(db, { minimum: 7 })).toBe(30); // 2025-12-10: 26 days back
    expect(await trendingWindow(db, { minimum: 8 })).toBe(90); // 2025-11-10: 56 days back
    expect(await trendingWindow(db, { minimum: 30 })).toBe(365); // 2025-04-10: 270 days back
    expect(await trendingWindow(db, { minimum: 1000 })).toBe(36500); // fewer papers than that
  });
});
