import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { AbstractPreview } from "@/components/papers/abstract-preview";
import { RichAbstract } from "@/components/papers/rich-abstract";
import sample from "@/db/sample/papers.json";
import { cardData } from "@/lib/display";
import { displayedPaper } from "../helpers/displayed-paper";

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

/** A real abstract from the bundled sample, as stored. */
function samplePaper(id: string): { id: string; title: string; abstract: string } {
  const paper = (sample as { id: string; title: string; abstract: string }[]).find((p) => p.id === id);
  if (!paper) throw new Error(`no sample paper ${id}`);
  return paper;
}

describe("an abstract's TeX, as the paper page and a card show it", () => {
  it("the paper page shows 3.1%, not 3.1\\%, emphasis as emphasis, and a link once", () => {
    const html = render(samplePaper("local-f6a129e163f9").abstract);
    expect(html).toContain("as few as 3.1% of the tokens");
    expect(html).not.toContain("\\%");
    expect(html).toContain("overheads. To address this concern");
    const url = "https://github.com/cccrrrccc/Re-ttention";
    expect(html.match(/<a /g)).toHaveLength(1);
    expect(html).toContain(
      `<a href="${url}" rel="noopener noreferrer nofollow" class="break-all text-brand-700 underline dark:text-brand-500">${url}</a>`,
    );
    expect(html).not.toContain("{");
    expect(render(samplePaper("local-4e43eeba7ab9").abstract)).toContain("spent on <em>compression</em> of the input");
  });

  it("typesets a per cent sign in math rather than reading it as a comment", () => {
    const html = render("Error below $5%$ and $x$.");
    expect(html).toContain("%</span>");
    expect(html).not.toContain('class="katex-error"');
  });

  it("a card shows its abstract's text, with a tie as a space", () => {
    const paper = samplePaper("local-010bbfadad32");
    const card = cardData(displayedPaper({ id: paper.id, title: paper.title, abstract: paper.abstract }));
    const html = renderToStaticMarkup(createElement(AbstractPreview, { text: card.abstract, cut: card.abstractCut, paperId: card.id }));
    expect(html).toContain("generative Large Language Models (LLMs). However");
    expect(html).not.toContain("~");
  });
});
