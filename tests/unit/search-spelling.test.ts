import { describe, expect, it } from "vitest";
import { bestCorrection, closeness, editDistance, hyphenations, isPlainWords, oneEditAway, unhyphenated } from "@/lib/search/spelling";

describe("what counts as a typo", () => {
  it("measures edits, a swap of neighbours being one", () => {
    expect(editDistance("modles", "models")).toBe(1);
    expect(editDistance("vison", "vision")).toBe(1);
    expect(editDistance("folding", "finding")).toBe(2);
    expect(editDistance("trnasformr", "transformer")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("takes one edit up to seven letters, two from eight, the same first letter (or a swap of the first two), and no short word", () => {
    expect(closeness("languge", "language")).toBe(1);
    expect(closeness("quantizaton", "quantization")).toBe(1);
    expect(closeness("trnasformr", "transformer")).toBe(2);
    expect(closeness("ocmpression", "compression")).toBe(1);
    expect(closeness("folding", "holding")).toBeNull();
    expect(closeness("folding", "finding")).toBeNull();
    expect(closeness("vit", "via")).toBeNull();
  });

  it("lists every string one edit away, for exact lookup", () => {
    const edits = oneEditAway("modles");
    expect(edits).toEqual(expect.arrayContaining(["models", "modle", "modules", "modes"]));
    expect(edits).not.toContain("modles");
  });

  it("corrects a known word only to a close one a hundred times as common", () => {
    expect(bestCorrection("vison", 0, [{ word: "vision", papers: 17 }])).toBe("vision");
    expect(bestCorrection("llava", 1, [{ word: "llama", papers: 15 }])).toBeNull();
    expect(bestCorrection("vison", 3, [{ word: "vision", papers: 300 }])).toBe("vision");
    expect(
      bestCorrection("modles", 0, [
        { word: "model", papers: 91 },
        { word: "models", papers: 104 },
        { word: "modules", papers: 9 },
      ]),
    ).toBe("models");
  });

  it("leaves markup, symbols and emoji alone", () => {
    expect(isPlainWords("quantizaton languge modles")).toBe(true);
    expect(isPlainWords("state-of-the-art vison, transformer's")).toBe(true);
    for (const q of ["<script>alert(1)</script>", "$$$", "%%%", "🙂", "vison 🔥"]) expect(isPlainWords(q), q).toBe(false);
  });
});

describe("compounds written with and without a hyphen", () => {
  it("offers every hyphenation of a word of six letters or more, two letters at least on each side", () => {
    expect(hyphenations("pretrained")).toEqual([
      "pr-etrained",
      "pre-trained",
      "pret-rained",
      "pretr-ained",
      "pretra-ined",
      "pretrai-ned",
      "pretrain-ed",
    ]);
    expect(hyphenations("multi")).toEqual([]);
    expect(hyphenations("gpt4all")).toEqual([]);
    expect(hyphenations("pre-trained")).toEqual([]);
  });

  it("joins a hyphenated compound of letters only", () => {
    expect(unhyphenated("pre-trained")).toBe("pretrained");
    expect(unhyphenated("state-of-the-art")).toBe("stateoftheart");
    expect(unhyphenated("gpt-4")).toBeNull();
    expect(unhyphenated("pretrained")).toBeNull();
  });
});
