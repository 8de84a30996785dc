/** Every feed in all three formats, via the `feed` package; text is cleaned of what XML cannot carry and escaped where read as HTML. */
import "server-only";
import { Feed, type Item } from "feed";
import type { PaperWithOrg } from "@/db/queries/papers";
import { abstractText, cutAbstract, mathSource, parseAbstract } from "@/lib/abstract";
import { countOf, feedData, type PaperFeedData } from "@/lib/display";
import { CATEGORY } from "@/lib/follow-input";
import { FEED_FORMATS, feedPath, feedText, type FeedFormat } from "@/lib/feeds";
import { escapeHtml } from "@/lib/search/highlight";
import { paperUrl, siteUrl } from "@/lib/site-url";
import type { FeedContent } from "./content";

const SUMMARY_CHARS = 300;

const isWebUrl = (url: string | null): url is string => !!url && /^https?:\/\//i.test(url);

function itemDate(p: PaperFeedData, paper: PaperWithOrg): Date {
  return p.day ? new Date(`${p.day}T00:00:00Z`) : paper.createdAt;
}

function summaryOf(p: PaperFeedData): string {
  return feedText(p.summary ?? cutAbstract(abstractText(p.abstract), SUMMARY_CHARS));
}

/** Emphasis and links as HTML; math as its TeX, which feed readers do not typeset. */
function abstractHtml(abstract: string): string {
  return parseAbstract(feedText(abstract))
    .map((s) => {
      if (s.type === "math") return escapeHtml(mathSource(s));
      if (s.type === "link") return `<a href="${escapeHtml(s.href)}">${escapeHtml(s.value)}</a>`;
      const text = s.em ? `<em>${escapeHtml(s.value)}</em>` : escapeHtml(s.value);
      return s.strong ? `<strong>${text}</strong>` : text;
    })
    .join("");
}

function authorsOf(p: PaperFeedData): string[] {
  return p.authors.map(feedText).filter(Boolean);
}

function linksOf(p: PaperFeedData): { label: string; url: string }[] {
  const { arxiv, pdf, code, project } = p.links;
  const links = [
    { label: "Daily Papers", url: paperUrl(p.id) },
    { label: "arXiv", url: arxiv },
    { label: "PDF", url: pdf },
    { label: "Code", url: code },
    { label: "Project page", url: project },
  ];
  return links.filter((l): l is { label: string; url: string } => isWebUrl(l.url)).map((l) => ({ label: l.label, url: feedText(l.url) }));
}

function contentHtml(p: PaperFeedData): string {
  const authors = authorsOf(p);
  const parts = [`<p>${abstractHtml(p.abstract)}</p>`];
  if (p.summary) parts.push(`<p><strong>AI summary:</strong> ${escapeHtml(feedText(p.summary))}</p>`);
  if (authors.length > 0) parts.push(`<p>${escapeHtml(authors.join(", "))}${p.moreAuthors > 0 ? ` and ${p.moreAuthors} more` : ""}</p>`);
  else if (p.moreAuthors > 0) parts.push(`<p>${countOf(p.moreAuthors, "author")}</p>`);
  parts.push(
    `<p>${linksOf(p)
      .map((l) => `<a href="${escapeHtml(l.url)}">${l.label}</a>`)
      .join(" · ")}</p>`,
  );
  return parts.join("\n");
}

function contentText(p: PaperFeedData): string {
  const parts = [feedText(abstractText(p.abstract))];
  if (p.summary) parts.push(`AI summary: ${feedText(p.summary)}`);
  parts.push(
    linksOf(p)
      .map((l) => `${l.label}: ${l.url}`)
      .join("\n"),
  );
  return parts.filter(Boolean).join("\n\n");
}

/**
 * Text for the library's CDATA sections, which end at `]]>`: xml-js splits the first one itself
 * (`]]]]><![CDATA[>`, closing the section after `]]` and opening another before `>`), so every
 * later one is split here, and the text reads back exactly.
 */
function cdataText(text: string): string {
  const first = text.indexOf("]]>");
  if (first === -1) return text;
  const cut = first + "]]>".length;
  return text.slice(0, cut) + text.slice(cut).replaceAll("]]>", "]]]]><![CDATA[>");
}

function itemOf(paper: PaperWithOrg, format: FeedFormat): Item {
  const p = feedData(paper);
  const link = paperUrl(p.id);
  const title = feedText(p.title);
  const date = itemDate(p, paper);
  const authors = authorsOf(p);
  return {
    // Atom entry titles are `type="html"`; an RSS title is text in a CDATA section.
    title: format === "atom" ? escapeHtml(title) : format === "rss" ? cdataText(title) : title,
    id: link,
    guid: p.id,
    link,
    date,
    published: date,
    description: escapeHtml(summaryOf(p)),
    content: contentHtml(p),
    // RSS's <author> is an email address, so names go in dc:creator; an empty list is left out (the JSON Feed writer fails on one).
    author: format === "rss" || authors.length === 0 ? undefined : authors.map((name) => ({ name })),
    extensions:
      format === "rss" && authors.length > 0
        ? [{ name: "dc:creator", objects: authors.map((name) => ({ _text: name })) as unknown as Record<string, unknown> }]
        : undefined,
    category: p.categories.filter((c) => CATEGORY.test(c)).map((c) => ({ name: c, term: c })),
  };
}

function updatedOf(papers: PaperWithOrg[]): Date {
  return new Date(Math.max(0, ...papers.map((p) => p.updatedAt.getTime())));
}

function feedOf(content: FeedContent, format: FeedFormat): Feed {
  const urls = Object.fromEntries(FEED_FORMATS.map((f) => [f, siteUrl(feedPath(content.ref, f))])) as Record<FeedFormat, string>;
  const feed = new Feed({
    id: urls.atom,
    title: feedText(content.title),
    description: feedText(content.description),
    link: siteUrl(content.pagePath),
    feedLinks: urls,
    updated: updatedOf(content.papers),
    language: "en",
    favicon: siteUrl("/icon.svg"),
    generator: "Daily Papers",
  });
  for (const paper of content.papers) feed.addItem(itemOf(paper, format));
  return feed;
}

/** The library writes JSON Feed 1.0; this lifts it to 1.1 (`authors`, plain-text content beside the HTML, the paper id as id). */
function jsonFeed(feed: Feed, content: FeedContent): string {
  const json = JSON.parse(feed.json1()) as Record<string, unknown> & { items: Record<string, unknown>[] };
  const items = json.items.map((item, i) => {
    const p = feedData(content.papers[i]!);
    delete item.author;
    const links = Object.fromEntries(
      Object.entries({ arxiv_url: p.links.arxiv, pdf_url: p.links.pdf, code_url: p.links.code, project_url: p.links.project }).filter(
        ([, url]) => isWebUrl(url),
      ),
    );
    return {
      ...item,
      id: p.id,
      ...(isWebUrl(p.links.arxiv) ? { external_url: p.links.arxiv } : {}),
      content_text: contentText(p),
      summary: summaryOf(p),
      authors: authorsOf(p).map((name) => ({ name })),
      _daily_papers: links,
    };
  });
  return JSON.stringify(
    { ...json, version: "https://jsonfeed.org/version/1.1", language: "en", favicon: siteUrl("/icon.svg"), items },
    null,
    2,
  );
}

export function renderFeed(content: FeedContent, format: FeedFormat): string {
  const feed = feedOf(content, format);
  if (format === "rss") return feed.rss2();
  if (format === "atom") return feed.atom1();
  return jsonFeed(feed, content);
}
