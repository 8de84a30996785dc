import { describe, expect, it } from "vitest";
import { estimateShare, parseTsquery } from "@/lib/search/estimate";
import { htmlToSegments, segmentsToHtml, snippet } from "@/lib/search/highlight";
import { arxivIdOf, parseQuery, prefixAlternatives } from "@/lib/search/syntax";

describe("parseQuery", () => {
  it("reads words, phrases, OR and exclusions", () => {
    const q = parseQuery('diffusion "image synthesis" gan OR vae -"learned codecs" -jpeg');
    expect(q.groups.map((g) => g.map((t) => `${t.kind}:${t.text}`))).toEqual([
      ["word:diffusion"],
      ["phrase:image synthesis"],
      ["word:gan", "word:vae"],
    ]);
    expect(q.excluded.map((t) => t.text)).toEqual(["learned codecs", "jpeg"]);
    expect(q.exact).toBe(true);
  });

  it("makes only the last word, still being typed, a prefix", () => {
    expect(parseQuery("image compres").groups.at(-1)?.[0]?.prefix).toEqual({ head: "", last: "compres" });
    expect(parseQuery("image compres ").groups.at(-1)?.[0]?.prefix).toBeUndefined();
    expect(parseQuery("gpt-4o").groups[0]?.[0]?.prefix).toBeUndefined();
    expect(parseQuery("kv-cache").groups[0]?.[0]?.prefix).toEqual({ head: "kv", last: "cache" });
  });

  it("drops what has no letters or digits, and cuts long input", () => {
    expect(parseQuery("& | ! ( ) : * \\ OR -").groups).toEqual([]);
    expect(parseQuery(`a ${"b".repeat(10_000)}`).fuzzyText.length).toBeLessThanOrEqual(100);
    expect(parseQuery("x\u0000y").groups.flat().map((t) => t.text)).toEqual(["x", "y"]);
  });

  it("recognises arXiv ids and URLs", () => {
    expect(arxivIdOf("2501.01234")).toBe("2501.01234");
    expect(arxivIdOf("arXiv:2501.01234v3")).toBe("2501.01234");
    expect(arxivIdOf("https://arxiv.org/pdf/2501.01234v1.pdf")).toBe("2501.01234");
    expect(arxivIdOf("huggingface.co/papers/2501.01234")).toBe("2501.01234");
    expect(arxivIdOf("math.GT/0309136")).toBe("math.GT/0309136");
    expect(arxivIdOf("2501.01234 diffusion")).toBeNull();
  });

  it("offers the stems a half-typed word may have passed", () => {
    expect(prefixAlternatives("learnin")).toEqual({ prefix: "learnin", exact: ["learni", "learn"] });
    expect(prefixAlternatives("model").exact).toEqual([]);
  });
});

describe("highlight", () => {
  it("escapes text and round-trips through the API's HTML", () => {
    const segments = [
      { text: "<b>A & B</b> ", mark: false },
      { text: "\"x\" 'y'", mark: true },
    ];
    const html = segmentsToHtml(segments);
    expect(html).toBe("&lt;b&gt;A &amp; B&lt;/b&gt; <mark>&quot;x&quot; &#39;y&#39;</mark>");
    expect(htmlToSegments(html)).toEqual(segments);
  });

  it("cuts a long abstract around its matches", () => {
    const text = `${"filler ".repeat(100)}the target word here ${"tail ".repeat(100)}`.trim();
    const out = snippet(text, (w) => w === "target", 10);
    expect(out[0]?.text.startsWith("… ")).toBe(true);
    expect(out.find((s) => s.mark)?.text).toBe("target");
    expect(out.at(-1)?.text.endsWith(" …")).toBe(true);
  });
});

describe("estimate", () => {
  const stats = { rows: 1_000_000, freq: new Map([["model", 0.5], ["compress", 0.4], ["compressor", 0.01]]) };

  it("parses tsquery text with precedence", () => {
    expect(parseTsquery("'a' | 'b' & !'c' <-> 'd':*")).toEqual({
      op: "or",
      left: { op: "lexeme", lexeme: "a", prefix: false },
      right: {
        op: "and",
        left: { op: "lexeme", lexeme: "b", prefix: false },
        right: { op: "phrase", left: { op: "not", arg: { op: "lexeme", lexeme: "c", prefix: false } }, right: { op: "lexeme", lexeme: "d", prefix: true } },
      },
    });
  });

  it("estimates from the most common lexemes; unknown ones count as rare", () => {
    expect(estimateShare(parseTsquery("'model' & 'compress'"), stats)).toBeCloseTo(0.2);
    expect(estimateShare(parseTsquery("'compr':*"), stats)).toBeCloseTo(0.41);
    expect(estimateShare(parseTsquery("'zovikornio':* | 'zovikorni'"), stats)).toBe(0);
    expect(estimateShare(parseTsquery("'model' & !'compress'"), stats)).toBeCloseTo(0.3);
  });
});
