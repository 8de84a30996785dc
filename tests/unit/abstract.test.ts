import { describe, expect, it } from "vitest";
import { parseAbstract } from "@/lib/abstract";

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
