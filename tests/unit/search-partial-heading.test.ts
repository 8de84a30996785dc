import { describe, expect, it } from "vitest";
import { partialHeading, searchStatus } from "@/components/search/search-notices";
import type { SearchPageData } from "@/server/search";
import type { SearchParams } from "@/lib/search/params";

describe("the heading above the first partial match", () => {
  it("says no paper holds every word only when none does", () => {
    expect(partialHeading(null, 0)).toBe(
      "No paper holds every word. Partial matches: papers with some of the words, the rarest counting most.",
    );
    expect(partialHeading(0, 0)).toMatch(/^No paper holds every word\./);
    expect(partialHeading(null, 3)).toBe("Partial matches: papers with some of the words, the rarest counting most.");
  });

  it("is left to the status line when exact matches are ranked among the partial ones", () => {
    expect(partialHeading(1, 0)).toBeNull();
    expect(partialHeading(3, 2)).toBeNull();
  });
});

describe("the status line of a list with partial matches", () => {
  const page = (whole: number | null, matches: ("text" | "partial")[]) =>
    ({ hits: matches.map((match) => ({ match })), whole, total: null, lastPage: null }) as unknown as SearchPageData;
  const params = { q: "low bit weights", p: 0, limit: 20 } as SearchParams;
  const status = (p: SearchPageData) => searchStatus(p, params, { enabled: true, error: null });

  it("names the papers holding every word when partial matches are ranked with them", () => {
    expect(status(page(2, ["partial", "text", "text"]))).toBe(
      "Results 1–3 for “low bit weights”: 2 papers hold every word, partial matches ranked with them.",
    );
    expect(status(page(0, ["partial"]))).toBe("Partial matches 1–1 for “low bit weights”.");
    expect(status(page(null, ["partial"]))).toBe("Partial matches 1–1 for “low bit weights”.");
  });
});
