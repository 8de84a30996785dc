import { describe, expect, it } from "vitest";
import { readSearchPageParams, searchParamsSchema } from "@/lib/search/params";
import { queryRefusal } from "@/lib/search/syntax";

// 312 characters in 21 words: over the length limit and the term limit both.
const LONG = Array.from({ length: 21 }, (_, i) => `word${String(i).padStart(2, "0")}x`)
  .join(" ")
  .padEnd(312, "z");

describe("a search page query over the limits", () => {
  it("is kept as typed, with why in words, and nothing else of the page is lost", () => {
    expect(LONG).toHaveLength(312);
    const read = readSearchPageParams({ q: LONG, sort: "newest", category: "cs.CL" });
    expect(read.refused).toEqual({
      q: LONG,
      message: "Your search is 312 characters long; searches can be at most 250. Shorten it and try again.",
    });
    expect(read.problem).toBeNull();
    // Nothing is searched for it: the query searched is empty, the other choices stay.
    expect(read.params).toMatchObject({ q: "", sort: "newest", category: "cs.CL" });
  });

  it.each([
    [
      "word ".repeat(41).trim(),
      "Your search has 41 terms (words or quoted phrases); searches can have at most 40. Shorten it and try again.",
    ],
    [`"${"a b ".repeat(31).trim()}"`, "Your search has 62 words; searches can have at most 60. Shorten it and try again."],
    ["a -b -c -d -e -f", "Your search excludes 5 terms (-word); searches can exclude at most 4. Remove some and try again."],
  ])("says which limit %j is over", (q, message) => {
    expect(queryRefusal(q)).toBe(message);
    expect(readSearchPageParams({ q }).refused).toEqual({ q, message });
  });

  it("refuses nothing within the limits", () => {
    for (const q of ["", "diffusion models", "x".repeat(250)]) {
      expect(queryRefusal(q), q).toBeNull();
      expect(readSearchPageParams({ q }).refused).toBeNull();
    }
  });

  it("is a 400 for the API, naming the length", () => {
    const parsed = searchParamsSchema.safeParse({ q: LONG });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.message)).toEqual(["must be at most 250 characters, this query has 312"]);
  });
});
