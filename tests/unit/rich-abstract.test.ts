import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { RichAbstract } from "@/components/papers/rich-abstract";

const render = (text: string) => renderToStaticMarkup(createElement(RichAbstract, { text }));

describe("RichAbstract", () => {
  it("renders LaTeX with KaTeX", () => {
    const html = render("Runs in $O(n \\log n)$ time.");
    expect(html).toContain('class="katex"');
    expect(html).toContain("<math");
    expect(html).not.toContain("$O(n");
  });

  it("links URLs and escapes any markup in the data", () => {
    const html = render('See https://example.org/x. <script>alert("x")</script><img src=x onerror=alert(1)>');
    expect(html).toContain('<a href="https://example.org/x" rel="noopener noreferrer nofollow"');
    expect(html).toContain("&lt;script&gt;");
    expect(html).not.toContain("<script>");
    expect(html).not.toContain("<img");
  });

  it("keeps KaTeX from producing links or raw HTML out of math", () => {
    const html = render("$\\href{javascript:alert(1)}{x}$ and $<b>bold</b>$");
    // The source stays visible as text (in the MathML annotation), never as a link or a tag.
    expect(html).not.toMatch(/href="javascript/i);
    expect(html).not.toContain("<a ");
    expect(html).not.toContain("<b>");
  });
});
