// Title and summary are written as stored: they hold TeX, which escaping Markdown would break. The abstract is read (lib/abstract.ts).
import { mathSource, parseAbstract } from "@/lib/abstract";
import { formatShortDay } from "@/lib/dates";
import { allAuthors, githubRepoName, paperLinks, submitterName, type DetailedPaper } from "@/lib/display";

function destination(url: string): string {
  return url.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`);
}

function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\[\]]/g, "\\$&");
}

const link = (label: string, url: string) => `[${inline(label)}](${destination(url)})`;

/** Escapes what Markdown, or its `$` math, would read as markup in an abstract's text. */
const escapeText = (text: string) => text.replace(/[\\`*_[\]<$~]/g, "\\$&").replace(/^([ \t]*)([#>+-])/gm, "$1\\$2");

function emphasized(text: string, mark: string): string {
  if (!mark) return text;
  const [, lead, body, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(text)!;
  // A delimiter next to a space is not emphasis in CommonMark: the spaces go outside.
  return body ? `${lead}${mark}${body}${mark}${trail}` : text;
}

function abstractMarkdown(abstract: string): string {
  return parseAbstract(abstract)
    .map((s) => {
      if (s.type === "math") return mathSource(s);
      if (s.type === "link") return link(s.value, s.href);
      return emphasized(escapeText(s.value), s.strong ? (s.em ? "***" : "**") : s.em ? "*" : "");
    })
    .join("")
    .trim();
}

export function paperMarkdown(paper: DetailedPaper, { pageUrl }: { pageUrl: string }): string {
  const links = paperLinks(paper);
  const authors = allAuthors(paper);
  const submitter = submitterName(paper);
  const facts = [
    authors && `**Authors:** ${inline(authors)}`,
    paper.organization && `**Organization:** ${inline(paper.organization.fullname ?? paper.organization.name)}`,
    paper.publishedAt && `**Published:** ${paper.publishedAt} (${formatShortDay(paper.publishedAt)})`,
    paper.listedOn && `**Listed on Daily Papers:** ${paper.listedOn}`,
    submitter && `**Submitted by:** ${inline(submitter)}`,
    `**Upvotes:** ${paper.upvotes}`,
  ];
  const linkList = [
    link("Daily Papers", pageUrl),
    links.arxiv && link("arXiv", links.arxiv),
    links.pdf && link("PDF", links.pdf),
    links.code && link(`Code (${githubRepoName(links.code)})`, links.code),
    links.project && link("Project page", links.project),
  ];
  const sections = [
    `# ${paper.title.replace(/\s+/g, " ").trim()}`,
    facts
      .filter(Boolean)
      .map((f) => `- ${f}`)
      .join("\n"),
    `**Links:** ${linkList.filter(Boolean).join(" · ")}`,
    paper.aiSummary && `## AI summary\n\n${paper.aiSummary.trim()}`,
    `## Abstract\n\n${abstractMarkdown(paper.abstract) || "No abstract available."}`,
    paper.aiKeywords && paper.aiKeywords.length > 0 && `## Keywords\n\n${paper.aiKeywords.map(inline).join(", ")}`,
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}
