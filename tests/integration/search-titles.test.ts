// A half-remembered title (docs/search.md, "Ranking"): titles holding the query as a phrase lead whatever their votes, then
// titles holding more of its word pairs in order, and among partial matches a title holding every word still leads.
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { searchPapers } from "@/server/search";
import { CANDIDATES } from "@/server/search/plan";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

beforeEach(async () => {
  await resetDatabase();
});
afterAll(async () => {
  await closeDb();
});

const ids = async (q: string) => (await searchPapers({ q, limit: 10 })).hits.map((h) => h.paper.id);

describe("search: titles people half remember", () => {
  it("puts a title holding the query as a phrase first, past the most upvoted title matches", async () => {
    await insertPapers([
      ...Array.from({ length: CANDIDATES + 10 }, (_, i) =>
        makePaper({ id: `2601.${20000 + i}`, title: `Routing of Experts in a Sparse Mixture, part ${i}`, sourceUpvotes: 100 + i }),
      ),
      makePaper({ id: "2601.30000", title: "Sparse Mixture Experts Routing for Translation", sourceUpvotes: 0 }),
    ]);
    const found = await ids("sparse mixture experts routing");
    expect(found[0]).toBe("2601.30000");
    // The others keep their order: most upvoted first.
    expect(found.slice(1, 3)).toEqual([`2601.${20000 + CANDIDATES + 9}`, `2601.${20000 + CANDIDATES + 8}`]);
  });

  it("ranks the title holding the query's words in its order above more upvoted titles that scatter them", async () => {
    await insertPapers([
      makePaper({ id: "2601.30001", title: "Compression for Long Context: Pretrained Models of Code", sourceUpvotes: 5000 }),
      makePaper({ id: "2601.30002", title: "Models of Code with Compression for Long Context", sourceUpvotes: 4000 }),
      makePaper({ id: "2601.30003", title: "LongCodeZip: Compress Long Context for Code Language Models", sourceUpvotes: 2 }),
      // Enough exact matches that the list is the exact matches' own order (no partial matches ranked among them).
      ...Array.from({ length: 10 }, (_, i) =>
        makePaper({ id: `2601.${30100 + i}`, abstract: "We compress the long context that code models read." }),
      ),
    ]);
    expect((await ids("compress long context for code models"))[0]).toBe("2601.30003");
  });

  it("leads partial matches with the one title holding every word, though abstracts outscore it", async () => {
    const repeated = "zebra xylophone yodel ".repeat(6);
    await insertPapers([
      makePaper({
        id: "2601.30010",
        title: "Walrus: a long look at many unrelated things, with a yodel, a xylophone and a zebra in the end",
        sourceUpvotes: 0,
      }),
      ...[1, 2, 3].map((i) => makePaper({ id: `2601.3002${i}`, title: "Zebra Xylophone Yodel", abstract: repeated, sourceUpvotes: 50 })),
      ...[1, 2, 3, 4].map((i) => makePaper({ id: `2601.3003${i}`, title: `On walruses ${i}`, sourceUpvotes: 5 })),
    ]);
    const page = await searchPapers({ q: "zebra xylophone yodel walrus", limit: 10 });
    expect(page.hits.map((h) => [h.paper.id, h.match])).toEqual([
      ["2601.30010", "text"],
      ...["2601.30021", "2601.30022", "2601.30023"].map((id) => [id, "partial"]),
    ]);
  });

  it("finds a compound however it is written: pretrained, pre-trained", async () => {
    await insertPapers([
      makePaper({ id: "2601.30041", title: "Pre-Trained Transformers for Tables" }),
      makePaper({ id: "2601.30042", title: "Pretrained Transformers for Graphs" }),
      makePaper({ id: "2601.30043", title: "Transformers Trained Before and After: pre and post" }),
    ]);
    // Exact matches; a paper holding "pre" and "trained" apart may follow as a partial match.
    const exact = async (q: string) =>
      (await searchPapers({ q, limit: 10 })).hits.flatMap((h) => (h.match === "text" ? [h.paper.id] : [])).sort();
    const both = ["2601.30041", "2601.30042"];
    expect(await exact("pretrained transformers ")).toEqual(both);
    expect(await exact("pre-trained transformers ")).toEqual(both);
    expect(await exact("transformers -pretrained")).toEqual(["2601.30043"]);
  });

  it("reads the word being typed at its place after stop words: 'models of co' is not 'models coding'", async () => {
    await insertPapers([
      makePaper({ id: "2601.30051", title: "Pre-trained Models Coding Natural Images", sourceUpvotes: 500 }),
      makePaper({ id: "2601.30052", title: "What Pre-trained Models of Code Learn", sourceUpvotes: 0 }),
      ...Array.from({ length: 10 }, (_, i) =>
        makePaper({ id: `2601.${30200 + i}`, abstract: "Pre-trained models of code, and the coding of models." }),
      ),
    ]);
    expect((await ids("pre-trained models of cod"))[0]).toBe("2601.30052");
  });
});
