import { describe, expect, it } from "vitest";
import { chooseAccess, conjunction, estimateShare, hashShare } from "@/server/search/cost";
import { highlightText, segmentsToHtml, snippet, snippetOf } from "@/lib/search/highlight";
import { arxivIdOf, correctQuery, parseQuery } from "@/lib/search/syntax";
import { hashTest, lexemesOf, parseTsquery, phrasePairs } from "@/lib/search/tsquery";

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
    expect(parseQuery(`a ${"b".repeat(10_000)}`).words.join(" ").length).toBeLessThanOrEqual(250);
    expect(
      parseQuery("x\u0000y")
        .groups.flat()
        .map((t) => t.text),
    ).toEqual(["x", "y"]);
  });

  it("recognises arXiv ids and URLs", () => {
    expect(arxivIdOf("2501.01234")).toBe("2501.01234");
    expect(arxivIdOf("arXiv:2501.01234v3")).toBe("2501.01234");
    expect(arxivIdOf("https://arxiv.org/pdf/2501.01234v1.pdf")).toBe("2501.01234");
    expect(arxivIdOf("huggingface.co/papers/2501.01234")).toBe("2501.01234");
    expect(arxivIdOf("math.GT/0309136")).toBe("math.GT/0309136");
    expect(arxivIdOf("2501.01234 diffusion")).toBeNull();
  });

  it("lists the positive words, lower-cased, for spelling correction", () => {
    expect(parseQuery("Atention is all -you NED").words).toEqual(["atention", "is", "all", "ned"]);
  });

  it("rewrites a query with corrected words, dropping the hopeless ones", () => {
    const fixes = new Map([
      ["atention", "attention"],
      ["zzzq", ""],
    ]);
    expect(correctQuery(parseQuery("Atention zzzq mechanism -rnn"), fixes)).toBe("attention mechanism -rnn ");
    expect(correctQuery(parseQuery("attention mechanism"), fixes)).toBeNull();
    expect(correctQuery(parseQuery("zzzq"), fixes)).toBeNull();
  });
});

describe("highlight", () => {
  it("escapes every segment in the API's HTML", () => {
    const segments = [
      { text: "<b>A & B</b> ", mark: false },
      { text: "\"x\" 'y'", mark: true },
    ];
    expect(segmentsToHtml(segments)).toBe("&lt;b&gt;A &amp; B&lt;/b&gt; <mark>&quot;x&quot; &#39;y&#39;</mark>");
  });

  it("cuts a window from highlighted segments, keeping the marks", () => {
    const text = `${"filler ".repeat(60)}a target, and another target ${"tail ".repeat(60)}`.trim();
    const isMatch = (w: string) => w === "target";
    const out = snippetOf(highlightText(text, isMatch), 12);
    expect(out.filter((s) => s.mark).map((s) => s.text)).toEqual(["target", "target"]);
    expect(out.map((s) => s.text).join("")).toMatch(/^… (filler )+a target, and another target( tail)+ …$/);
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
  const stats = {
    rows: 1_000_000,
    freq: new Map([
      ["model", 0.5],
      ["compress", 0.4],
      ["compressor", 0.01],
    ]),
  };

  it("parses tsquery text with precedence", () => {
    expect(parseTsquery("'a' | 'b' & !'c' <-> 'd':*")).toEqual({
      op: "or",
      left: { op: "lexeme", lexeme: "a", prefix: false },
      right: {
        op: "and",
        left: { op: "lexeme", lexeme: "b", prefix: false },
        right: {
          op: "phrase",
          left: { op: "not", arg: { op: "lexeme", lexeme: "c", prefix: false } },
          right: { op: "lexeme", lexeme: "d", prefix: true },
        },
      },
    });
  });

  it("cuts a title phrase into its neighbouring pairs, each in order and a little further apart too", () => {
    expect(phrasePairs("'compress' <-> 'long' <2> ( 'model' | 'modelbas' )")).toEqual([
      "('compress') <1> ('long') | ('compress') <2> ('long') | ('compress') <3> ('long')",
      "('long') <2> (('model' | 'modelbas')) | ('long') <3> (('model' | 'modelbas')) | ('long') <4> (('model' | 'modelbas'))",
    ]);
    expect(phrasePairs("'a'")).toEqual([]);
    expect(phrasePairs("'a' <-> 'b' & 'c'")).toEqual([]);
    expect(phrasePairs("")).toEqual([]);
  });

  it("combines shares between independence and exponential backoff", () => {
    expect(conjunction([0.5, 0.04])).toBeCloseTo(0.04 * 0.5 ** 0.75);
    expect(conjunction([0.5, 0.5, 0.5])).toBeCloseTo(0.5 * 0.5 ** 0.75 * 0.5 ** 0.625);
    expect(conjunction([])).toBe(1);
  });

  it("estimates from the most common lexemes; unknown ones count as rare", () => {
    expect(estimateShare(parseTsquery("'model' & 'compress'"), stats)).toBeCloseTo(0.4 * 0.5 ** 0.75);
    expect(estimateShare(parseTsquery("'compr':*"), stats)).toBeCloseTo(0.41);
    expect(estimateShare(parseTsquery("'zovikornio':* | 'zovikorni'"), stats)).toBe(0);
    expect(estimateShare(parseTsquery("'model' & !'compress'"), stats)).toBeCloseTo(0.5 * 0.6 ** 0.75);
  });

  it("reads quoted lexemes back as PostgreSQL prints them", () => {
    expect([...lexemesOf(parseTsquery("'it''s' & 'a\\\\b' | 'kv'"))]).toEqual(["it's", "a\\b", "kv"]);
  });

  it("estimates the share passing the in-row hash test, order ignored", () => {
    expect(hashShare(parseTsquery("'model' <-> 'compress'"), stats)).toBeCloseTo(0.4 * 0.5 ** 0.75);
    expect(hashShare(parseTsquery("'model' & ( 'compress' | 'compressor' )"), stats)).toBeCloseTo(0.406 * 0.5 ** 0.75);
  });

  it("walks for common words and reads the index for rare ones", () => {
    const stats = {
      rows: 1_000_000,
      freq: new Map([
        ["model", 0.5],
        ["compress", 0.4],
        ["codec", 0.001],
      ]),
    };
    const ask = (query: string, over: Partial<Parameters<typeof chooseAccess>[0]> = {}) =>
      chooseAccess({ query: parseTsquery(query), stats, need: 100, filterShare: 1, documentTest: false, documentRecheck: false, ...over });
    expect(ask("'model'").access).toBe("walk");
    expect(ask("'model' & 'compress'").walkRows).toBeCloseTo(100 / (0.4 * 0.5 ** 0.75));
    expect(ask("'zovikornio'").access).toBe("gin");
    expect(ask("'codec'").access).toBe("gin");
    // A selective filter is read from its own index, so even a rare word is cheap to walk.
    const selective = ask("'codec'", { filterShare: 0.0001 });
    expect(selective.byFilter).toBe(true);
    expect(selective.walkCost).toBeLessThan(1000);
    // What a walk saw beats the estimate.
    expect(ask("'model'", { observedShare: 0.0001 }).access).toBe("gin");
    // Phrases: each row passing the words is read in full, on either path.
    const phrase = ask("'model' <-> 'compress'", { documentTest: true, documentRecheck: true });
    expect(phrase.walkCost).toBeGreaterThan(ask("'model' & 'compress'").walkCost * 3);
  });
});

describe("hashTest", () => {
  const test = (query: string) => hashTest(parseTsquery(query));

  it("is exact for words joined by AND, OR and NOT", () => {
    expect(test("'kv' & 'cach' & ( 'compress' | 'compressor' ) & !'imag'")).toEqual({
      all: ["kv", "cach"],
      any: [["compress", "compressor"]],
      none: ["imag"],
      exact: true,
    });
  });

  it("needs the document for phrases, prefixes and negated phrases, but still narrows", () => {
    expect(test("'knowledg' <-> 'distil'")).toEqual({ all: ["knowledg", "distil"], any: [], none: [], exact: false });
    expect(test("'model' & 'compr':*")).toEqual({ all: ["model"], any: [], none: [], exact: false });
    expect(test("'model' & !( 'a' <-> 'b' )")).toEqual({ all: ["model"], any: [], none: [], exact: false });
    expect(test("'a' & 'b' | 'c'")).toEqual({ all: [], any: [], none: [], exact: false });
  });
});
