import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { clip, paperDescription } from "@/lib/display";
import { withVary } from "@/lib/response-headers";
import { drawableText, isDrawable } from "@/lib/share-image-text";
import { escapeXml, SITEMAP_MAX_URLS, urlSetXml } from "@/lib/sitemap-xml";

describe("sharing helpers", () => {
  it("clips text to one line at a word, with an ellipsis", () => {
    expect(clip("short\n text", 50)).toBe("short text");
    expect(clip("The quick brown fox jumps over the lazy dog", 20)).toBe("The quick brown fox…");
    expect(clip("Supercalifragilisticexpialidocious", 10)).toBe("Supercali…");
    expect(clip("Ends with punctuation, then more words", 24)).toBe("Ends with punctuation…");
  });

  it("describes a paper by its AI summary, else its abstract", () => {
    expect(paperDescription({ aiSummary: "Tiny experts win.", abstract: "Long abstract." })).toBe("Tiny experts win.");
    expect(paperDescription({ aiSummary: null, abstract: "Long abstract." })).toBe("Long abstract.");
    expect(paperDescription({ aiSummary: null, abstract: "" })).toBe("A paper on Daily Papers.");
  });

  it("describes a paper by its abstract's text, not its TeX", () => {
    const abstract =
      "We keep 3.1\\% of the tokens, {\\emph twice} as fast~(see \\href{https://example.org/code}{our code}). % a note\nDone.";
    expect(paperDescription({ aiSummary: null, abstract })).toBe(
      "We keep 3.1% of the tokens, twice as fast (see our code (https://example.org/code)). Done.",
    );
  });

  it("adds a token to Vary once, whatever was there", () => {
    expect(withVary("", "Accept")).toBe("Accept");
    expect(withVary("rsc, next-router-state-tree", "Accept")).toBe("Accept, rsc, next-router-state-tree");
    expect(withVary("Accept-Encoding", "Accept")).toBe("Accept, Accept-Encoding");
    expect(withVary("accept, rsc", "Accept")).toBe("accept, rsc");
    expect(withVary("*", "Accept")).toBe("*");
  });

  it("keeps only what the share images' font draws", () => {
    expect(drawableText("Naïve Bayes — “quoted” Zoë, Łódź, Москва")).toBe("Naïve Bayes — “quoted” Zoë, Łódź, Москва");
    expect(drawableText("π0 and λ-calculus, γ-rays")).toBe("π0 and λ-calculus, gamma-rays");
    expect(drawableText("🚀🤗")).toBe("");
    expect(isDrawable("A".codePointAt(0)!)).toBe(true);
    expect(isDrawable(0x1f680)).toBe(false);
  });

  it("writes sitemaps that parse, with every special character escaped, and never more than the protocol allows", () => {
    expect(escapeXml(`a&b<c>"d'`)).toBe("a&amp;b&lt;c&gt;&quot;d&apos;");
    const body = urlSetXml([{ loc: "https://papers.example.org/papers?q=a&b=<c>", lastmod: new Date("2026-03-09T10:00:00Z") }]);
    expect(XMLValidator.validate(body)).toBe(true);
    const parsed = new XMLParser({ isArray: (n) => n === "url" }).parse(body) as {
      urlset: { url: Array<{ loc: string; lastmod: string }> };
    };
    expect(parsed.urlset.url).toEqual([{ loc: "https://papers.example.org/papers?q=a&b=<c>", lastmod: "2026-03-09T10:00:00.000Z" }]);
    const many = urlSetXml(Array.from({ length: SITEMAP_MAX_URLS + 5 }, (_, i) => ({ loc: `https://p.example/${i}` })));
    expect(many.match(/<url>/g)).toHaveLength(SITEMAP_MAX_URLS);
  });
});
