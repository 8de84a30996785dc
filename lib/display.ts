/**
 * What people see of a paper, for every surface: cards and the paper page, the JSON API, and
 * (later) feeds, Open Graph images and email. Pure, and free of server imports: the search page's
 * client code renders cards from it too (absolute URLs, which need the environment, are in
 * lib/site-url.ts).
 */
import { abstractStart } from "@/lib/abstract";
import { formatShortDay } from "@/lib/dates";
import { isArxivId } from "@/lib/paper-id";

/** The fields of a paper the display reads (the read model, db/queries/papers.ts, has them all). */
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

/** `1 author`, `3 authors`; `1 comment`, `1.2K comments`. */
export function countOf(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/** "Ada Lovelace, Alan Turing, Grace Hopper et al.", or "6 authors" when names are unknown. */
export function authorsLine({ authors, authorCount }: Pick<DisplayedPaper, "authors" | "authorCount">, shown = 3): string | null {
  if (authors.length > 0) {
    const names = authors.slice(0, shown).join(", ");
    return authors.length > shown ? `${names} et al.` : names;
  }
  return authorCount ? countOf(authorCount, "author") : null;
}

/** Every author, for the paper page; the count when names are unknown. */
export function allAuthors({ authors, authorCount }: Pick<DisplayedPaper, "authors" | "authorCount">): string | null {
  if (authors.length > 0) return authors.join(", ");
  return authorCount ? `${countOf(authorCount, "author")} (names not available)` : null;
}

export function arxivLinks(id: string): { abs: string; pdf: string } | null {
  return isArxivId(id) ? { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` } : null;
}

/** What the paper page and the paper's Markdown add to the card's fields. */
export interface DetailedPaper extends DisplayedPaper {
  pdfUrl: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
}

/** `text` on one line and at most `max` characters, cut at a word with an ellipsis. */
export function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, " ").trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  // Cut at the last space, unless the cut already ends a word.
  const space = flat[max - 1] === " " ? cut.length : cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,;:.]+$/, "")}…`;
}

/** A paper in a sentence or two, for meta descriptions and link previews: its AI summary, else its abstract. */
export function paperDescription(p: Pick<DetailedPaper, "abstract" | "aiSummary">, max = 200): string {
  return clip(p.aiSummary || p.abstract || "A paper on Daily Papers.", max);
}

export function githubRepoName(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?github\.com\//, "").replace(/\/$/, "");
}

/**
 * A whole number as en-US writes it (`12,345`), as `toLocaleString("en-US")` does (a test compares
 * them) without making an Intl formatter, which costs a slow phone tens of milliseconds the first
 * time, while the page hydrates.
 */
export function formatNumber(n: number): string {
  if (!Number.isSafeInteger(n)) return n.toLocaleString("en-US");
  const digits = String(Math.abs(n));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let k = grouped.length; k < digits.length; k += 3) grouped += `,${digits.slice(k, k + 3)}`;
  return n < 0 ? `-${grouped}` : grouped;
}

// Made on first use (lib/dates.ts says why): most counts are under a thousand.
let compact: Intl.NumberFormat | undefined;

export function formatCount(n: number): string {
  return n < 1000 ? String(n) : (compact ??= new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 })).format(n);
}

/**
 * A count rounded down to a step that grows with it, with `+` when rounded: exact below 10, then
 * tens (`40+`), then two significant digits (`120+`, `1.2K+`). Share images show this, so that
 * they are redrawn when the count moves a step, not at every vote.
 */
export function approximateCount(n: number): string {
  if (n < 10) return String(n);
  const step = n < 100 ? 10 : 10 ** (String(Math.floor(n)).length - 2);
  const floor = Math.floor(n / step) * step;
  return floor === n ? formatCount(n) : `${formatCount(floor)}+`;
}

/** The paper's page on this site, as a path. */
export function paperPath(id: string): string {
  return `/papers/${id}`;
}

/** Who submitted the paper to Daily Papers, by display name. */
export function submitterName(p: Pick<DisplayedPaper, "submittedByName" | "submittedByFullname">): string | null {
  return p.submittedByFullname ?? p.submittedByName;
}

/** A paper as a listing card shows it: serializable, so the search page's client renders the same card. */
export interface PaperCardData {
  id: string;
  path: string;
  title: string;
  /** The abstract's first lines (CARD_ABSTRACT_CHARS). */
  abstract: string;
  /** Whether `abstract` is only the start of it. */
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

/**
 * How much of the abstract a card carries: about three lines, what it shows before "Show more"
 * (which fetches the rest). Every card's text travels twice, in the HTML and in the data React
 * picks the page up from, so a whole abstract on each of 50 cards would triple a day page.
 */
export const CARD_ABSTRACT_CHARS = 240;

export function cardData(p: DisplayedPaper): PaperCardData {
  const start = abstractStart(p.abstract, CARD_ABSTRACT_CHARS);
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

/**
 * A card's data as a page carries it to the browser, where it travels twice (as HTML and as the
 * data React picks the page up from, inside a script string that escapes every quote): no path (it
 * follows from the id), the publication day without its label and an organization without a label
 * equal to its name (both follow from the rest), no empty fields.
 */
export interface CompactCardData {
  id: string;
  title: string;
  abstract: string;
  upvotes: number;
  abstractCut?: true;
  authors?: string;
  /** Name, then the label where it differs ("" when only the avatar follows), then the avatar where there is one. */
  organization?: string[];
  /** The publication day, YYYY-MM-DD. */
  published?: string;
  comments?: number;
  thumbnail?: string;
  githubStars?: number;
  submitter?: string;
}

export function compactCard(card: PaperCardData): CompactCardData {
  const org = card.organization;
  // Empty places at the end are dropped; an empty label in the middle stands for the name.
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

/** Where else a paper is, each when known: its arXiv page, its PDF (arXiv's own or the one ingested), code, project page. */
export function paperLinks(p: Pick<DisplayedPaper, "id" | "githubRepo" | "projectPage"> & { pdfUrl: string | null }) {
  const arxiv = arxivLinks(p.id);
  return { arxiv: arxiv?.abs ?? null, pdf: p.pdfUrl ?? arxiv?.pdf ?? null, code: p.githubRepo, project: p.projectPage };
}

/** Authors a feed item names; the rest are counted. */
const FEED_AUTHORS = 25;

/** A paper as a feed item shows it, in plain text (server/feeds/render.ts writes it in each format). */
export interface PaperFeedData {
  id: string;
  path: string;
  title: string;
  abstract: string;
  /** The AI summary where the source has one. */
  summary: string | null;
  authors: string[];
  /** How many authors there are beyond `authors`. */
  moreAuthors: number;
  categories: string[];
  /** The listing day, else the publication day (papers of topics may not be listed). */
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
