// Title, abstract and summary are written as stored: they hold TeX, which escaping Markdown would break.
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
    `## Abstract\n\n${paper.abstract.trim() || "No abstract available."}`,
    paper.aiKeywords && paper.aiKeywords.length > 0 && `## Keywords\n\n${paper.aiKeywords.map(inline).join(", ")}`,
  ];
  return `${sections.filter(Boolean).join("\n\n")}\n`;
}
