import { describe, expect, it } from "vitest";
import { abstractStart, parseAbstract } from "@/lib/abstract";

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
