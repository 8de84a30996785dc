import { describe, expect, it } from "vitest";
import { partialHeading } from "@/components/search/search-notices";

describe("the heading above the first partial match", () => {
  it("says no paper holds every word only when none does", () => {
    expect(partialHeading(null, 0)).toBe(
      "No paper holds every word. Partial matches: papers with some of the words, the rarest counting most.",
    );
    expect(partialHeading(0, 0)).toMatch(/^No paper holds every word\./);
    expect(partialHeading(null, 3)).toBe("Partial matches: papers with some of the words, the rarest counting most.");
  });

  it("counts the papers holding every word when they are ranked among the partial matches", () => {
    expect(partialHeading(1, 0)).toBe(
      "1 paper holds every word; papers with some of the words are ranked with it, the rarest words counting most.",
    );
    expect(partialHeading(3, 2)).toMatch(/^3 papers hold every word; papers with some of the words are ranked with them,/);
  });
});
