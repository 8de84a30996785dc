// Pure and free of server imports: the search page's client renders cards from it too.
import { abstractStart, abstractText } from "@/lib/abstract";
import { formatShortDay } from "@/lib/dates";
import { isArxivId } from "@/lib/paper-id";

export interface DisplayedPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  authorCount: number | null;
  publishedAt: string | null;
  listedOn: string | null;
  upvotes: number;
  numComments: number | null;
  thumbnail: string | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  submittedByName: string | null;
  submittedByFullname: string | null;
  submittedByAvatar: string | null;
  organization: { name: string; fullname: string | null; avatar: string | null } | null;
}

export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

export function authorsLine({ authors, authorCount }: Pick<DisplayedPaper, "authors" | "authorCount">, shown = 3): string | null {
  if (authors.length > 0) {
    const names = authors.slice(0, shown).join(", ");
    return authors.length > shown ? `${names} et al.` : names;
  }
  return authorCount ? countOf(authorCount, "author") : null;
}

export function allAuthors({ authors, authorCount }: Pick<DisplayedPaper, "authors" | "authorCount">): string | null {
  if (authors.length > 0) return authors.join(", ");
  return authorCount ? `${countOf(authorCount, "author")} (names not available)` : null;
}

export function arxivLinks(id: string): { abs: string; pdf: string } | null {
  return isArxivId(id) ? { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` } : null;
}

export interface DetailedPaper extends DisplayedPaper {
  pdfUrl: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
}

export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = flat[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

export function paperDescription(p: Pick<DetailedPaper, "abstract" | "aiSummary">, max = 200): string {
  return clip(p.aiSummary || abstractText(p.abstract) || "A paper on Daily Papers.", max);
}

export function githubRepoName(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?github\.com\//, "").replace(/\/$/, "");
}

/** As `toLocaleString("en-US")` (a test compares them) without an Intl formatter, which costs a slow phone tens of ms while hydrating. */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let k = grouped.length; k < digits.length; k += 3) grouped += `,${digits.slice(k, k + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

let compact: Intl.NumberFormat | undefined;

export function formatCount(n: number): string {
  return n < 1000 ? String(n) : (compact ??= new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 })).format(n);
}

/** Rounded down to a step (`40+`, `1.2K+`), so share images are redrawn when the count moves a step, not at every vote. */
export function approximateCount(n: number): string {
  if (n < 10) return String(n);
  const step = n < 100 ? 10 : 10 ** (String(Math.floor(n)).length - 2);
  const floor = Math.floor(n / step) * step;
  return floor === n ? formatCount(n) : `${formatCount(floor)}+`;
}

export function paperPath(id: string): string {
  return `/papers/${id}`;
}

export function submitterName(p: Pick<DisplayedPaper, "submittedByName" | "submittedByFullname">): string | null {
  return p.submittedByFullname ?? p.submittedByName;
}

export interface PaperCardData {
  id: string;
  path: string;
  title: string;
  abstract: string;
  abstractCut: boolean;
  authors: string | null;
  organization: { name: string; label: string; avatar: string | null } | null;
  published: { day: string; label: string } | null;
  upvotes: number;
  comments: number | null;
  thumbnail: string | null;
  githubStars: number | null;
  submitter: string | null;
}

/** About three lines: card text travels twice (HTML and React's data), so whole abstracts on 50 cards would triple a day page. */
export const CARD_ABSTRACT_CHARS = 240;

export function cardData(p: DisplayedPaper): PaperCardData {
  const start = abstractStart(abstractText(p.abstract), CARD_ABSTRACT_CHARS);
  return {
    id: p.id,
    path: paperPath(p.id),
    title: p.title,
    abstract: start.text,
    abstractCut: start.cut,
    authors: authorsLine(p),
    organization: p.organization
      ? { name: p.organization.name, label: p.organization.fullname ?? p.organization.name, avatar: p.organization.avatar }
      : null,
    published: p.publishedAt ? { day: p.publishedAt, label: formatShortDay(p.publishedAt) } : null,
    upvotes: p.upvotes,
    comments: p.numComments,
    thumbnail: p.thumbnail,
    githubStars: p.githubStars,
    submitter: submitterName(p),
  };
}

/** Travels twice (HTML and an escaped script string), so fields that follow from others, and empty ones, are left out. */
export interface CompactCardData {
  id: string;
  title: string;
  abstract: string;
  upvotes: number;
  abstractCut?: true;
  authors?: string;
  organization?: string[];
  published?: string;
  comments?: number;
  thumbnail?: string;
  githubStars?: number;
  submitter?: string;
}

export function compactCard(card: PaperCardData): CompactCardData {
  const org = card.organization;
  const organization = org ? [org.name, org.label === org.name ? "" : org.label, org.avatar ?? ""] : [];
  while (organization.at(-1) === "") organization.pop();
  return {
    id: card.id,
    title: card.title,
    abstract: card.abstract,
    upvotes: card.upvotes,
    ...(card.abstractCut && { abstractCut: true }),
    ...(card.authors !== null && { authors: card.authors }),
    ...(org && { organization }),
    ...(card.published && { published: card.published.day }),
    ...(card.comments !== null && { comments: card.comments }),
    ...(card.thumbnail !== null && { thumbnail: card.thumbnail }),
    ...(card.githubStars !== null && { githubStars: card.githubStars }),
    ...(card.submitter !== null && { submitter: card.submitter }),
  };
}

export function expandCard(c: CompactCardData): PaperCardData {
  const [name, label, avatar] = c.organization ?? [];
  return {
    id: c.id,
    path: paperPath(c.id),
    title: c.title,
    abstract: c.abstract,
    abstractCut: c.abstractCut ?? false,
    authors: c.authors ?? null,
    organization: name === undefined ? null : { name, label: label || name, avatar: avatar || null },
    published: c.published ? { day: c.published, label: formatShortDay(c.published) } : null,
    upvotes: c.upvotes,
    comments: c.comments ?? null,
    thumbnail: c.thumbnail ?? null,
    githubStars: c.githubStars ?? null,
    submitter: c.submitter ?? null,
  };
}

export function paperLinks(p: Pick<DisplayedPaper, "id" | "githubRepo" | "projectPage"> & { pdfUrl: string | null }) {
  const arxiv = arxivLinks(p.id);
  return { arxiv: arxiv?.abs ?? null, pdf: p.pdfUrl ?? arxiv?.pdf ?? null, code: p.githubRepo, project: p.projectPage };
}

const FEED_AUTHORS = 25;

export interface PaperFeedData {
  id: string;
  path: string;
  title: string;
  abstract: string;
  summary: string | null;
  authors: string[];
  moreAuthors: number;
  categories: string[];
  day: string | null;
  links: ReturnType<typeof paperLinks>;
}

export function feedData(
  p: DisplayedPaper & { aiSummary: string | null; categories: string[] | null; pdfUrl: string | null },
): PaperFeedData {
  const authors = p.authors.slice(0, FEED_AUTHORS);
  return {
    id: p.id,
    path: paperPath(p.id),
    title: p.title,
    abstract: p.abstract,
    summary: p.aiSummary,
    authors,
    moreAuthors: Math.max(p.authors.length, p.authorCount ?? 0) - authors.length,
    categories: p.categories ?? [],
    day: p.listedOn ?? p.publishedAt,
    links: paperLinks(p),
  };
}
