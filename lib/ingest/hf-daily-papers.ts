// Only `paper.id` and a title are required: a malformed optional field is dropped on its own rather than costing the paper.
import { z } from "zod";
import { parseDay } from "@/lib/dates";
import { PAPER_ID } from "@/lib/paper-id";
import { LIMITS, MAX_TITLE_LENGTH } from "./limits";

const MAX_INT = 2_147_483_647;

export interface DailyPaperPerson {
  name: string;
  fullname: string | null;
  avatar: string | null;
}

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
  adjustments: string[];
}

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

function shorten(title: string | null): string | null {
  if (!title || title.length <= MAX_TITLE_LENGTH) return title;
  const cut = title.slice(0, MAX_TITLE_LENGTH - 1);
  return `${cut.replace(/\s+\S*$/, "") || cut}…`;
}

/** PostgreSQL text cannot hold NUL. */
function cleanText(value: string | null | undefined, { singleLine = false } = {}): string | null {
  if (value == null) return null;
  let text = value.replace(/\u0000/g, "");
  text = singleLine ? text.replace(/\s+/g, " ") : text;
  text = text.trim();
  return text === "" ? null : text;
}

const commas = (n: number) => n.toLocaleString("en-US");

class Adjustments {
  readonly notes: string[] = [];

  cut(field: string, text: string | null, max: number): string | null {
    if (text === null || text.length <= max) return text;
    this.notes.push(`${field} cut from ${commas(text.length)} to ${commas(max)} characters`);
    return `${text.slice(0, max - 1)}…`;
  }

  drop(field: string, why: string): null {
    this.notes.push(`${field} dropped: ${why}`);
    return null;
  }
}

export function httpUrl(value: string | null | undefined, base?: string): string | null {
  if (!value || value.length > LIMITS.url) return null;
  try {
    const url = new URL(value.trim(), base);
    return (url.protocol === "http:" || url.protocol === "https:") && url.href.length <= LIMITS.url ? url.href : null;
  } catch {
    return null;
  }
}

/** Days outside the years the store takes (`+275760-09-13T00:00:00Z`) are no day of any paper. */
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
  if (rawAuthors.length > LIMITS.authors)
    notes.drop(`authors after the first ${commas(LIMITS.authors)}`, `${commas(rawAuthors.length)} authors listed`);
  const authors = rawAuthors.slice(0, LIMITS.authors).flatMap((author) => {
    const name =
      author && typeof author === "object" && "name" in author && typeof author.name === "string"
        ? notes.cut("author name", cleanText(author.name, { singleLine: true }), LIMITS.authorName)
        : null;
    return name ? [name] : [];
  });
  const keywordList = paper.ai_keywords ?? null;
  if (keywordList && keywordList.length > LIMITS.keywords)
    notes.drop(`ai_keywords after the first ${LIMITS.keywords}`, `${commas(keywordList.length)} keywords`);
  const keywords =
    keywordList
      ?.slice(0, LIMITS.keywords)
      .flatMap((k) => notes.cut("ai_keywords item", cleanText(k, { singleLine: true }), LIMITS.keyword) ?? []) ?? null;

  return {
    id: paper.id,
    title,
    abstract: notes.cut("abstract", cleanText(paper.summary ?? item.summary), LIMITS.abstract) ?? "",
    authors,
    // The item's own publishedAt is when it was listed, not when the paper was published.
    publishedAt: toDay("publishedAt", paper.publishedAt, notes),
    sourceUpvotes: paper.upvotes ?? 0,
    numComments: item.numComments ?? null,
    thumbnail: httpUrl(item.thumbnail, baseUrl),
    githubRepo: httpUrl(paper.githubRepo),
    githubStars: paper.githubStars ?? null,
    projectPage: httpUrl(paper.projectPage),
    aiSummary: notes.cut("ai_summary", cleanText(paper.ai_summary), LIMITS.aiSummary),
    aiKeywords: keywords && keywords.length > 0 ? keywords : null,
    submittedOnDailyAt: toInstant("submittedOnDailyAt", paper.submittedOnDailyAt ?? item.publishedAt, notes),
    submittedBy: toPerson("submittedBy", item.submittedBy ?? paper.submittedOnDailyBy, baseUrl, notes),
    organization: toPerson("organization", item.organization ?? paper.organization, baseUrl, notes),
    adjustments: notes.notes,
  };
}
