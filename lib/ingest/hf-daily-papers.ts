/**
 * The Hugging Face Daily Papers feed: `GET {HF_API_URL}/api/daily_papers?date=&limit=&p=`.
 * Only `paper.id` and a title are required; any other field that is missing or malformed is
 * dropped on its own rather than costing us the paper.
 */
import { z } from "zod";
import { MAX_TITLE_LENGTH } from "@/db/schema";
import { parseDay } from "@/lib/dates";
import { PAPER_ID } from "@/lib/paper-id";
import { fetchText, UpstreamError, type HttpPolicy } from "./http";

export const PAGE_SIZE = 100;
// Far beyond any real day (a busy one lists ~60 papers); stops a feed that never runs short.
const MAX_PAGES = 50;
const MAX_INT = 2_147_483_647;

export interface DailyPaperPerson {
  name: string;
  fullname: string | null;
  avatar: string | null;
}

/** One paper of the feed, mapped to our field names. */
export interface DailyPaper {
  id: string;
  title: string;
  abstract: string;
  authors: string[];
  publishedAt: string | null;
  sourceUpvotes: number;
  numComments: number | null;
  thumbnail: string | null;
  githubRepo: string | null;
  githubStars: number | null;
  projectPage: string | null;
  aiSummary: string | null;
  aiKeywords: string[] | null;
  submittedOnDailyAt: Date | null;
  submittedBy: DailyPaperPerson | null;
  organization: DailyPaperPerson | null;
  /** Fields that were out of bounds and dropped or cut, with why: the paper was kept. */
  adjustments: string[];
}

export interface DailyPapersDay {
  /** Distinct papers plus rejected items: duplicates across pages count once. */
  fetched: number;
  papers: DailyPaper[];
  rejections: string[];
  /** `item 4 (2601.00001): abstract cut from 1,200,000 to 20,000 characters`. */
  adjustments: string[];
}

/**
 * Bounds on what one item may bring. Real values are far inside them (abstracts under 2,000
 * characters, organization names under 50); past them a value is cut where that loses nothing
 * anyone reads, and dropped where a cut one would be wrong (a name that is a key, a URL).
 */
export const LIMITS = {
  abstract: 20_000,
  aiSummary: 4_000,
  personName: 100,
  personFullname: 200,
  authorName: 300,
  authors: 5_000,
  keyword: 100,
  keywords: 50,
  url: 2_048,
} as const;

/** An optional field: absent, null or malformed all read as null. */
const optional = <T extends z.ZodType>(schema: T) => schema.nullish().catch(null);

const count = z.number().int().min(0).max(MAX_INT);

const personSchema = z.object({
  name: z.string().min(1),
  fullname: optional(z.string()),
  avatar: optional(z.string()),
  avatarUrl: optional(z.string()),
});

const paperSchema = z.object({
  id: z.unknown().optional(),
  title: z.unknown().optional(),
  summary: optional(z.string()),
  authors: optional(z.array(z.unknown())),
  publishedAt: optional(z.string()),
  upvotes: optional(count),
  githubRepo: optional(z.string()),
  githubStars: optional(count),
  projectPage: optional(z.string()),
  ai_summary: optional(z.string()),
  ai_keywords: optional(z.array(z.string())),
  submittedOnDailyAt: optional(z.string()),
  submittedOnDailyBy: optional(personSchema),
  organization: optional(personSchema),
});

const itemSchema = z.object({
  paper: paperSchema,
  title: optional(z.string()),
  summary: optional(z.string()),
  publishedAt: optional(z.string()),
  numComments: optional(count),
  thumbnail: optional(z.string()),
  submittedBy: optional(personSchema),
  organization: optional(personSchema),
});

const pageSchema = z.array(z.unknown());

/** A title cut to the length the store takes, at a word where it can, with an ellipsis. */
function shorten(title: string | null): string | null {
  if (!title || title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  return `${cut.replace(/\s+\S*$/, "") || cut}…`;
}

/** PostgreSQL text cannot hold NUL; collapse runs of whitespace the way a page shows them. */
function cleanText(value: string | null | undefined, { singleLine = false } = {}): string | null {
  if (value == null) return null;
  let text = value.replace(/\u0000/g, "");
  text = singleLine ? text.replace(/\s+/g, " ") : text;
  text = text.trim();
  return text === "" ? null : text;
}

const commas = (n: number) => n.toLocaleString("en-US");

/** Records what was done to one item's fields; the item's label is added by the caller. */
class Adjustments {
  readonly notes: string[] = [];

  /** `text` cut to `max` characters (with an ellipsis), noting it. */
  cut(field: string, text: string | null, max: number): string | null {
    if (text === null || text.length <= max) return text;
    this.notes.push(`${field} cut from ${commas(text.length)} to ${commas(max)} characters`);
    return `${text.slice(0, max - 1)}…`;
  }

  /** null in place of a value that cannot be used, noting why. */
  drop(field: string, why: string): null {
    this.notes.push(`${field} dropped: ${why}`);
    return null;
  }
}

/** An absolute http(s) URL, resolving a relative one against `base`; anything else is dropped. */
export function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value || value.length > LIMITS.url) return null;
  try {
    const url = new URL(value.trim(), base);
    return (url.protocol === "http:" || url.protocol === "https:") && url.href.length <= LIMITS.url ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * The calendar day of an upstream timestamp, or null. Days outside the years the store takes
 * (`10000-01-01`, `0000-01-01`, `+275760-09-13T00:00:00Z`) are no day of any paper.
 */
function toDay(field: string, value: string | null | undefined, notes: Adjustments): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  const day = Number.isNaN(time) ? null : parseDay(new Date(time).toISOString().slice(0, 10));
  return day ?? notes.drop(field, `${JSON.stringify(value.slice(0, 40))} is not a day between 1990 and 2999`);
}

function toInstant(field: string, value: string | null | undefined, notes: Adjustments): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  const day = Number.isNaN(time) ? null : parseDay(new Date(time).toISOString().slice(0, 10));
  return day ? new Date(time) : notes.drop(field, `${JSON.stringify(value.slice(0, 40))} is not a time between 1990 and 2999`);
}

function toPerson(
  field: string,
  person: z.infer<typeof personSchema> | null | undefined,
  base: string,
  notes: Adjustments,
): DailyPaperPerson | null {
  const name = cleanText(person?.name, { singleLine: true });
  if (!person || !name) return null;
  // The name is a key (organization pages, follows): a cut one would name someone else.
  if (name.length > LIMITS.personName) return notes.drop(field, `name of ${commas(name.length)} characters (at most ${LIMITS.personName})`);
  return {
    name,
    fullname: notes.cut(`${field}.fullname`, cleanText(person.fullname, { singleLine: true }), LIMITS.personFullname),
    avatar: httpUrl(person.avatar ?? person.avatarUrl, base),
  };
}

/** Maps one raw feed item, or gives the reason it cannot be used. */
export function mapDailyPaperItem(raw: unknown, baseUrl: string): DailyPaper | { rejected: string } {
  const parsed = itemSchema.safeParse(raw);
  if (!parsed.success) return { rejected: "not a paper item (no `paper` object)" };
  const item = parsed.data;
  const { paper } = item;

  if (paper.id == null || paper.id === "") return { rejected: "missing paper.id" };
  if (typeof paper.id !== "string" || !PAPER_ID.test(paper.id)) {
    return { rejected: `paper.id ${JSON.stringify(paper.id).slice(0, 40)} is not an arXiv id` };
  }
  const title = shorten(cleanText(typeof paper.title === "string" ? paper.title : item.title, { singleLine: true }));
  if (!title) return { rejected: `${paper.id}: missing title` };

  const notes = new Adjustments();
  const rawAuthors = paper.authors ?? [];
  if (rawAuthors.length > LIMITS.authors) notes.drop(`authors after the first ${commas(LIMITS.authors)}`, `${commas(rawAuthors.length)} authors listed`);
  const authors = rawAuthors.slice(0, LIMITS.authors).flatMap((author) => {
    const name =
      author && typeof author === "object" && "name" in author && typeof author.name === "string"
        ? notes.cut("author name", cleanText(author.name, { singleLine: true }), LIMITS.authorName)
        : null;
    return name ? [name] : [];
  });
  const keywordList = paper.ai_keywords ?? null;
  if (keywordList && keywordList.length > LIMITS.keywords) notes.drop(`ai_keywords after the first ${LIMITS.keywords}`, `${commas(keywordList.length)} keywords`);
  const keywords =
    keywordList?.slice(0, LIMITS.keywords).flatMap((k) => notes.cut("ai_keywords item", cleanText(k, { singleLine: true }), LIMITS.keyword) ?? []) ?? null;

  return {
    id: paper.id,
    title,
    abstract: notes.cut("abstract", cleanText(paper.summary ?? item.summary), LIMITS.abstract) ?? "",
    authors,
    publishedAt: toDay("publishedAt", paper.publishedAt ?? item.publishedAt, notes),
    sourceUpvotes: paper.upvotes ?? 0,
    numComments: item.numComments ?? null,
    thumbnail: httpUrl(item.thumbnail, baseUrl),
    githubRepo: httpUrl(paper.githubRepo),
    githubStars: paper.githubStars ?? null,
    projectPage: httpUrl(paper.projectPage),
    aiSummary: notes.cut("ai_summary", cleanText(paper.ai_summary), LIMITS.aiSummary),
    aiKeywords: keywords && keywords.length > 0 ? keywords : null,
    submittedOnDailyAt: toInstant("submittedOnDailyAt", paper.submittedOnDailyAt, notes),
    submittedBy: toPerson("submittedBy", item.submittedBy ?? paper.submittedOnDailyBy, baseUrl, notes),
    organization: toPerson("organization", item.organization ?? paper.organization, baseUrl, notes),
    adjustments: notes.notes,
  };
}

/**
 * Every paper listed on `date`, paging until a short page. Throws UpstreamError when a page
 * cannot be fetched, is not JSON, or is not a list: the day cannot be trusted then.
 */
export async function fetchDailyPapers({
  date,
  baseUrl,
  policy,
}: {
  date: string;
  baseUrl: string;
  policy: HttpPolicy;
}): Promise<DailyPapersDay> {
  const papers = new Map<string, DailyPaper>();
  const rejections: string[] = [];
  const adjustments: string[] = [];

  for (let page = 0; page < MAX_PAGES; page += 1) {
    const url = new URL("/api/daily_papers", baseUrl);
    url.search = new URLSearchParams({ date, limit: String(PAGE_SIZE), p: String(page) }).toString();
    const body = await fetchText(url.href, policy, { Accept: "application/json" });

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "unreadable";
      throw new UpstreamError(`Daily Papers ${date} page ${page}: malformed JSON (${reason})`);
    }
    const items = pageSchema.safeParse(json);
    if (!items.success) {
      throw new UpstreamError(`Daily Papers ${date} page ${page}: expected a list of papers, got ${describe(json)}`);
    }

    const before = papers.size;
    let accepted = 0;
    items.data.forEach((raw, index) => {
      const mapped = mapDailyPaperItem(raw, baseUrl);
      if ("rejected" in mapped) {
        rejections.push(`item ${page * PAGE_SIZE + index}: ${mapped.rejected}`);
        return;
      }
      accepted += 1;
      if (papers.has(mapped.id)) return;
      papers.set(mapped.id, mapped);
      for (const note of mapped.adjustments) adjustments.push(`item ${page * PAGE_SIZE + index} (${mapped.id}): ${note}`);
    });

    if (items.data.length < PAGE_SIZE) break;
    // A full page of papers already seen means the feed ignores `p`: asking further would loop.
    if (accepted > 0 && papers.size === before) break;
  }

  return { fetched: papers.size + rejections.length, papers: [...papers.values()], rejections, adjustments };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}
