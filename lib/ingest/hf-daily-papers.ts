/**
 * The Hugging Face Daily Papers feed: `GET {HF_API_URL}/api/daily_papers?date=&limit=&p=`.
 * Only `paper.id` and a title are required; any other field that is missing or malformed is
 * dropped on its own rather than costing us the paper.
 */
import { z } from "zod";
import { MAX_TITLE_LENGTH } from "@/db/schema";
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
}

export interface DailyPapersDay {
  /** Distinct papers plus rejected items: duplicates across pages count once. */
  fetched: number;
  papers: DailyPaper[];
  rejections: string[];
}

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

/** PostgreSQL text cannot hold NUL; collapse runs of whitespace the way a page shows them. */
/** A title cut to the length the store takes, at a word where it can, with an ellipsis. */
function shorten(title: string | null): string | null {
  if (!title || title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  return `${cut.replace(/\s+\S*$/, "") || cut}…`;
}

function cleanText(value: string | null | undefined, { singleLine = false } = {}): string | null {
  if (value == null) return null;
  let text = value.replace(/\u0000/g, "");
  text = singleLine ? text.replace(/\s+/g, " ") : text;
  text = text.trim();
  return text === "" ? null : text;
}

/** An absolute http(s) URL, resolving a relative one against `base`; anything else is dropped. */
export function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim(), base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function toDay(value: string | null | undefined): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString().slice(0, 10);
}

function toInstant(value: string | null | undefined): Date | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time);
}

function toPerson(person: z.infer<typeof personSchema> | null | undefined, base: string): DailyPaperPerson | null {
  const name = cleanText(person?.name, { singleLine: true });
  if (!person || !name) return null;
  return {
    name,
    fullname: cleanText(person.fullname, { singleLine: true }),
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

  const authors = (paper.authors ?? []).flatMap((author) => {
    const name =
      author && typeof author === "object" && "name" in author && typeof author.name === "string"
        ? cleanText(author.name, { singleLine: true })
        : null;
    return name ? [name] : [];
  });
  const keywords = paper.ai_keywords?.flatMap((k) => cleanText(k, { singleLine: true }) ?? []) ?? null;

  return {
    id: paper.id,
    title,
    abstract: cleanText(paper.summary ?? item.summary) ?? "",
    authors,
    publishedAt: toDay(paper.publishedAt ?? item.publishedAt),
    sourceUpvotes: paper.upvotes ?? 0,
    numComments: item.numComments ?? null,
    thumbnail: httpUrl(item.thumbnail, baseUrl),
    githubRepo: httpUrl(paper.githubRepo),
    githubStars: paper.githubStars ?? null,
    projectPage: httpUrl(paper.projectPage),
    aiSummary: cleanText(paper.ai_summary),
    aiKeywords: keywords && keywords.length > 0 ? keywords : null,
    submittedOnDailyAt: toInstant(paper.submittedOnDailyAt),
    submittedBy: toPerson(item.submittedBy ?? paper.submittedOnDailyBy, baseUrl),
    organization: toPerson(item.organization ?? paper.organization, baseUrl),
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
      if (!papers.has(mapped.id)) papers.set(mapped.id, mapped);
    });

    if (items.data.length < PAGE_SIZE) break;
    // A full page of papers already seen means the feed ignores `p`: asking further would loop.
    if (accepted > 0 && papers.size === before) break;
  }

  return { fetched: papers.size + rejections.length, papers: [...papers.values()], rejections };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}
