import { describe, expect, it } from "vitest";
import sample from "@/db/sample/papers.json";
import { abstractStart, abstractText, parseAbstract, type AbstractSegment } from "@/lib/abstract";

/** A real abstract from the bundled sample, as stored. */
function sampleAbstract(id: string): string {
  const paper = (sample as { id: string; abstract: string }[]).find((p) => p.id === id);
  if (!paper) throw new Error(`no sample paper ${id}`);
  return paper.abstract;
}

const links = (segments: AbstractSegment[]) => segments.filter((s) => s.type === "link");

describe("parseAbstract", () => {
  it("finds inline and display math", () => {
    expect(parseAbstract("cost $O(n^2)$ and $$E=mc^2$$ and \\(x_i\\)")).toEqual([
      { type: "text", value: "cost " },
      { type: "math", tex: "O(n^2)", display: false },
      { type: "text", value: " and " },
      { type: "math", tex: "E=mc^2", display: true },
      { type: "text", value: " and " },
      { type: "math", tex: "x_i", display: false },
    ]);
  });

  it("leaves prices and lone dollars as text", () => {
    const segments = parseAbstract("It costs $5 and $10 to run; a $ sign.");
    expect(segments).toEqual([{ type: "text", value: "It costs $5 and $10 to run; a $ sign." }]);
  });

  it("links URLs without their sentence punctuation", () => {
    expect(parseAbstract("Code: https://github.com/a/b. See (https://x.org/p_(q)).")).toEqual([
      { type: "text", value: "Code: " },
      { type: "link", href: "https://github.com/a/b", value: "https://github.com/a/b" },
      { type: "text", value: ". See (" },
      { type: "link", href: "https://x.org/p_(q)", value: "https://x.org/p_(q)" },
      { type: "text", value: ")." },
    ]);
  });

  it("never turns markup into anything but text", () => {
    expect(parseAbstract("<script>alert(1)</script> javascript:alert(1)")).toEqual([
      { type: "text", value: "<script>alert(1)</script> javascript:alert(1)" },
    ]);
  });
});

describe("reading the TeX of real abstracts (db/sample/papers.json)", () => {
  it("Re-ttention: \\% is a per cent sign, its stray comment markers go, and its link doubled as {url} is one link", () => {
    const raw = sampleAbstract("local-f6a129e163f9");
    expect(raw).toContain("3.1\\% of the tokens");
    const text = abstractText(raw);
    expect(text).toContain("requires as few as 3.1% of the tokens");
    expect(text).toContain("compute overheads. To address this concern, we propose Re-ttention");
    expect(text).toContain("sparsity levels. Experimental results on T2V/T2I models");
    expect(text).toContain("attain over 45% end-to-end and over 92% self-attention latency reduction");
    expect(text).not.toMatch(/\\|\s%\s|[{}]/);
    expect(text.endsWith("Code available online here: https://github.com/cccrrrccc/Re-ttention")).toBe(true);
    const url = "https://github.com/cccrrrccc/Re-ttention";
    expect(links(parseAbstract(raw))).toEqual([{ type: "link", href: url, value: url }]);
  });

  it("{\\emph compression} is emphasis", () => {
    const segments = parseAbstract(sampleAbstract("local-4e43eeba7ab9"));
    expect(segments.filter((s) => s.type === "text" && s.em)).toEqual([{ type: "text", value: "compression", em: true }]);
    expect(abstractText(sampleAbstract("local-4e43eeba7ab9"))).toContain("are spent on compression of the input");
  });

  it("-- is an en dash, and plain per cent signs stay", () => {
    expect(abstractText(sampleAbstract("local-89e8c5e4fbb1"))).toContain("nature of the modalities – spatial locality in images");
    expect(abstractText(sampleAbstract("local-746144c42cc7"))).toContain("up to x5–x10 end-to-end speedups");
    expect(abstractText(sampleAbstract("local-a50e167fcc81"))).toContain("by 3.6%, and reaching 0.448 (+8.2%) with threshold optimization");
  });

  it("a tie ~ between words is a space; before a number after a space it means about", () => {
    expect(abstractText(sampleAbstract("local-010bbfadad32"))).toContain("generative Large Language Models (LLMs). However");
    expect(abstractText(sampleAbstract("local-9282bd6a1e55"))).toContain("(e.g., SVD)");
    expect(abstractText(sampleAbstract("local-14db566b68e8"))).toContain("values that are ~38% and ~42% of CRF-23");
  });

  it("a URL followed by {text}, an \\href that lost its command, is one link with that text; {url} again shows the URL once", () => {
    const code = "https://github.com/Shwai-He/SparseUnifiedModel";
    expect(links(parseAbstract(sampleAbstract("local-95885e0777ef")))).toEqual([{ type: "link", href: code, value: "this link" }]);
    expect(abstractText(sampleAbstract("local-95885e0777ef"))).toMatch(
      /The code is released at this link \(https:\/\/github\.com\/Shwai-He\/SparseUnifiedModel\)\.$/,
    );
    const grids = "https://github.com/wangshu31/MetricGrids";
    expect(links(parseAbstract(sampleAbstract("local-f1cc4ebc3359")))).toEqual([{ type: "link", href: grids, value: grids }]);
    expect(abstractText(sampleAbstract("local-f1cc4ebc3359")).endsWith(`Code is available at ${grids}.`)).toBe(true);
    // arXiv's stand-in for a URL is not worth showing instead of the URL.
    const page = "https://yxxxb.github.io/VoCo-LLaMA-page/";
    expect(links(parseAbstract(sampleAbstract("local-ad893f2b7f2d")))).toEqual([{ type: "link", href: page, value: page }]);
  });

  it("keeps every word of every sample abstract, and leaves none of the TeX that was read", () => {
    for (const { id, abstract } of sample as { id: string; abstract: string }[]) {
      const text = abstractText(abstract);
      // Less arXiv's stand-in for a link's text, which the link's URL replaces.
      const words = abstract.replace(/\{this https? URL\}/g, "").matchAll(/(?<![\\\w])[A-Za-z]{3,}/g);
      expect(
        [...words].map(([word]) => word).filter((word) => !text.includes(word)),
        id,
      ).toEqual([]);
      expect(text, id).not.toMatch(/\\%|\\emph|[^<]--|~\(/);
    }
  });
});

describe("parseAbstract on TeX", () => {
  const text = (value: string, style: { em?: true; strong?: true } = {}): AbstractSegment => ({ type: "text", value, ...style });

  it("reads emphasis in each of its forms", () => {
    expect(parseAbstract("an \\emph{important} and \\textbf{bold} \\textit{claim}")).toEqual([
      text("an "),
      text("important", { em: true }),
      text(" and "),
      text("bold", { strong: true }),
      text(" "),
      text("claim", { em: true }),
    ]);
    expect(parseAbstract("{\\em rest of group} then {\\bf \\emph{both}}")).toEqual([
      text("rest of group", { em: true }),
      text(" then "),
      text("both", { em: true, strong: true }),
    ]);
    expect(parseAbstract("\\emph word only")).toEqual([text("word", { em: true }), text(" only")]);
    expect(parseAbstract("\\emph{a {nested} group}")).toEqual([text("a nested group", { em: true })]);
  });

  it("makes \\url and \\href one link each, and only for web addresses", () => {
    expect(parseAbstract("see \\url{https://example.org/~me/a\\_b} or \\href{https://example.org/code}{our \\emph{code}}.")).toEqual([
      text("see "),
      { type: "link", href: "https://example.org/~me/a_b", value: "https://example.org/~me/a_b" },
      text(" or "),
      { type: "link", href: "https://example.org/code", value: "our code" },
      text("."),
    ]);
    expect(parseAbstract("\\href{https://example.org}{https://example.org}")).toEqual([
      { type: "link", href: "https://example.org", value: "https://example.org" },
    ]);
    expect(parseAbstract("\\href{javascript:alert(1)}{click} \\url{ftp://files.example.org} \\href{mailto:a@b.org}{mail}")).toEqual([
      text("click (javascript:alert(1)) ftp://files.example.org mail (mailto:a@b.org)"),
    ]);
    expect(abstractText("Data at \\href{https://example.org/d}{our site}.")).toBe("Data at our site (https://example.org/d).");
  });

  it("treats % as a comment to the end of its line, but not inside math, after a backslash or after a number", () => {
    expect(abstractText("Kept. % a comment, dropped\n   Next line.")).toBe("Kept. Next line.");
    expect(abstractText("Gains of 3.1\\% and 50% and 20 % hold. % note\nDone.")).toBe("Gains of 3.1% and 50% and 20 % hold. Done.");
    expect(parseAbstract("Error $e < 5\\%$ and $a % b$ here")).toEqual([
      text("Error "),
      { type: "math", tex: "e < 5\\%", display: false },
      text(" and "),
      { type: "math", tex: "a % b", display: false },
      text(" here"),
    ]);
  });

  it("reads \\$ as a dollar, never as the start of math", () => {
    expect(parseAbstract("It costs \\$5 and \\$10 per $n$ runs")).toEqual([
      text("It costs $5 and $10 per "),
      { type: "math", tex: "n", display: false },
      text(" runs"),
    ]);
    expect(parseAbstract("\\$x$ is not math")).toEqual([text("$x$ is not math")]);
  });

  it("writes dashes, quotes and accented letters as characters", () => {
    expect(abstractText("pages 3--5 --- and ``quoted'' text, a-b, x --> y")).toBe("pages 3–5 — and “quoted” text, a-b, x --> y");
    expect(
      abstractText(`Schr\\"odinger, {\\'e}t{\\'e}, caf\\'{e}, na\\"{\\i}ve, Erd\\H{o}s, \\v{S}koda, gar\\c{c}on, \\ss, \\~n, \\^{}`),
    ).toBe("Schrödinger, été, café, naïve, Erdős, Škoda, garçon, ß, ñ, ^");
  });

  it("never throws on broken TeX and keeps what it cannot read as text", () => {
    for (const input of [
      "a { b } } c \\",
      "\\emph{open",
      "\\href{https://x.org",
      "\\href{https://x.org}{",
      "{{{{",
      "}}}}",
      "\\",
      "$",
      "\\url",
      "\\'",
      "https://",
    ]) {
      expect(() => abstractText(input)).not.toThrow();
    }
    expect(abstractText("a { b } } c \\")).toBe("a b c \\");
    expect(abstractText("\\cite{smith} and \\unknown here")).toBe("\\cite{smith} and \\unknown here");
    expect(abstractText("\\constructor{x} \\toString \\valueOf{}")).toBe("\\constructor{x} \\toString \\valueOf{}");
    expect(parseAbstract("\\href{https://x.org/a")).toEqual([{ type: "link", href: "https://x.org/a", value: "https://x.org/a" }]);
    // An unclosed {…} after a URL is its text only when it is the URL again, not the rest of the abstract.
    expect(parseAbstract("See https://x.org/a{ and the rest.")).toEqual([
      text("See "),
      { type: "link", href: "https://x.org/a", value: "https://x.org/a" },
      text(" and the rest."),
    ]);
  });

  it("on random TeX-ish strings, never throws, and without line breaks never loses a word", () => {
    let seed = 23;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const tex = [
      "\\",
      "{",
      "}",
      "$",
      "$$",
      "\\%",
      "%",
      "~",
      "--",
      "---",
      "\\emph",
      "\\emph{",
      "\\textbf{",
      "{\\em ",
      "\\href{",
      "\\url{",
      "https://example.org/p",
      "}{",
      "\\'",
      '\\"',
      "\\v",
      "\\(",
      "\\)",
      "\\[",
      "\\]",
      "``",
      "''",
      "5",
      "^",
      "_",
      "\\$",
      "\\\\",
      "\\ldots",
      " ",
    ];
    const strip = (s: string) => s.normalize("NFD").replace(/\p{M}/gu, "");
    for (let k = 0; k < 2000; k++) {
      const words: string[] = [];
      let input = "";
      const length = 1 + next(30);
      for (let t = 0; t < length; t++) {
        if (next(3) === 0) {
          const word = `zq${k}w${t}`;
          words.push(word);
          input += ` ${word} `;
        } else input += tex[next(tex.length)];
      }
      const withBreaks = input.replace(/ /g, () => (next(6) === 0 ? "\n" : " "));
      expect(() => parseAbstract(withBreaks), JSON.stringify(withBreaks)).not.toThrow();
      const out = strip(abstractText(input));
      expect(
        words.filter((word) => !out.includes(word)),
        JSON.stringify(input),
      ).toEqual([]);
    }
  });
});

describe("abstractStart", () => {
  /** What it computes, the slow way: the whole text collapsed first. */
  function reference(text: string, max: number) {
    const flat = text.replace(/\s+/g, " ").trim();
    if (flat.length <= max) return { text: flat, cut: false };
    const cut = flat.slice(0, max + 1);
    const space = cut.lastIndexOf(" ");
    return { text: `${(space > max * 0.6 ? cut.slice(0, space) : flat.slice(0, max)).replace(/[\s,;:.–-]+$/, "")}…`, cut: true };
  }

  it("reads only the start of a long abstract and answers as if it had collapsed all of it", () => {
    // Deterministic texts around the window (4 × max + 16): long runs of spaces and newlines at the
    // start, across the window's end, and at the end; words of every length; exactly max long.
    let seed = 7;
    const next = (n: number) => (seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) % n;
    const pieces = ["word", "a", "x".repeat(30), " ", "  ", "\n\n", "\t", " ".repeat(200), ",", "–", "."];
    for (const max of [10, 42, 240]) {
      for (let k = 0; k < 400; k++) {
        let text = "";
        while (text.length < next(6 * max)) text += pieces[next(pieces.length)];
        expect(abstractStart(text, max)).toEqual(reference(text, max));
      }
      for (const text of [
        " ".repeat(4 * max + 16) + "tail words here",
        "y".repeat(max),
        "y".repeat(max + 1),
        `${"z ".repeat(2 * max + 8)}${" ".repeat(999)}`,
      ]) {
        expect(abstractStart(text, max)).toEqual(reference(text, max));
      }
    }
  });
});
