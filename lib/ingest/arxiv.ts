import { z } from "zod";
import { parseDay } from "@/lib/dates";
import { isArxivId } from "@/lib/paper-id";
import { LIMITS, MAX_TITLE_LENGTH } from "./limits";
import { UpstreamError } from "./upstream-error";
import { childElement, childElements, parseXml, textContent, type XmlElement } from "./xml";

export interface ArxivEntry {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  categories: string[];
  primaryCategory: string | null;
  pdfUrl: string | null;
  publishedAt: string | null;
}

const CATEGORY = /^[a-z][a-z-]*(\.[A-Za-z][A-Za-z-]*)?$/;

const entrySchema = z.object({
  id: z.string().refine(isArxivId, "not an arXiv id"),
  title: z.string(),
  abstract: z.string(),
  authors: z.array(z.string().min(1)),
  categories: z.array(z.string().max(40).regex(CATEGORY)),
  primaryCategory: z.string().max(40).regex(CATEGORY).nullable(),
  pdfUrl: z.url({ protocol: /^https?$/ }).nullable(),
  publishedAt: z.iso.date().nullable(),
});

const clean = (text: string) =>
  text
    .replace(/\u0000/g, "")
    .replace(/\s+/g, " ")
    .trim();
/** Cut what no one reads past, so a day is never lost to one entry. */
const cut = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

function idOf(entryId: string): string | null {
  const match = /\/abs\/(.+?)(v\d+)?$/.exec(entryId.trim());
  return match?.[1] ?? null;
}

function readEntry(entry: XmlElement): ArxivEntry | null {
  const idElement = childElement(entry, "id");
  const id = idElement ? idOf(textContent(idElement)) : null;
  if (!id) return null;

  const primary = childElement(entry, "primary_category")?.attributes.term ?? null;
  const terms = childElements(entry, "category").flatMap((c) => c.attributes.term ?? []);
  const categories = [...new Set([...(primary ? [primary] : []), ...terms])].filter((t) => CATEGORY.test(t) && t.length <= 40).slice(0, 50);
  const pdfLink = childElements(entry, "link").find((l) => l.attributes.title === "pdf" || l.attributes.type === "application/pdf");
  const published = childElement(entry, "published");
  const publishedTime = published ? Date.parse(textContent(published)) : NaN;

  const candidate = {
    id,
    title: cut(clean(textContent(childElement(entry, "title") ?? "")), MAX_TITLE_LENGTH),
    abstract: cut(clean(textContent(childElement(entry, "summary") ?? "")), LIMITS.abstract),
    authors: childElements(entry, "author")
      .slice(0, LIMITS.authors)
      .map((a) => cut(clean(textContent(childElement(a, "name") ?? "")), LIMITS.authorName))
      .filter(Boolean),
    categories,
    primaryCategory: primary && CATEGORY.test(primary) ? primary : (categories[0] ?? null),
    pdfUrl: pdfLink?.attributes.href?.replace(/^http:/, "https:") ?? null,
    publishedAt: Number.isNaN(publishedTime) ? null : parseDay(new Date(publishedTime).toISOString().slice(0, 10)),
  };
  const parsed = entrySchema.safeParse(candidate);
  return parsed.success ? parsed.data : null;
}

export function parseArxivFeed(xml: string): ArxivEntry[] {
  let feed: XmlElement;
  try {
    feed = parseXml(xml);
  } catch (error) {
    throw new UpstreamError(`arXiv: malformed XML (${error instanceof Error ? error.message : "unreadable"})`);
  }
  if (feed.name.replace(/^.*:/, "") !== "feed") throw new UpstreamError(`arXiv: expected an Atom feed, got <${feed.name}>`);
  return childElements(feed, "entry").flatMap((entry) => readEntry(entry) ?? []);
}
