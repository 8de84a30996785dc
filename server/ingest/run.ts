import "server-only";
import type { Db } from "@/db";
import { databaseMessage, idsWithoutArxivData, saveIngestedDay, type IngestedPaper } from "@/db/queries/ingest";
import { retireSampleCorpus } from "@/db/queries/sample";
import type { IngestionDayResult, JobTrigger } from "@/db/schema";
import { env } from "@/lib/env";
import type { ArxivEntry } from "@/lib/ingest/arxiv";
import type { DailyPaper } from "@/lib/ingest/hf-daily-papers";
import { daysOf, type DayRange } from "@/lib/ingest/range";
import { runJob, type FinishedStatus, type Job } from "@/server/jobs/job";
import { papersWritten } from "@/server/papers-written";
import { ArxivClient } from "./arxiv-client";
import { fetchDailyPapers } from "./daily-papers-feed";
import { defaultHttpPolicy, type HttpPolicy } from "./http";

export interface IngestSettings {
  hfApiUrl: string;
  arxivApiUrl: string;
  http: HttpPolicy;
  /** arXiv asks for 3 seconds between requests. */
  arxivPauseMs: number;
  arxivBatchSize: number;
}

export interface IngestSettingsInput {
  hfApiUrl?: string;
  arxivApiUrl?: string;
  http?: Partial<HttpPolicy>;
  arxivPauseMs?: number;
  arxivBatchSize?: number;
}

export function ingestSettings(overrides: IngestSettingsInput = {}): IngestSettings {
  return {
    hfApiUrl: overrides.hfApiUrl ?? env.HF_API_URL,
    arxivApiUrl: overrides.arxivApiUrl ?? env.ARXIV_API_URL,
    http: { ...defaultHttpPolicy, ...overrides.http },
    arxivPauseMs: overrides.arxivPauseMs ?? 3_000,
    arxivBatchSize: overrides.arxivBatchSize ?? 100,
  };
}

export interface RunSummary {
  runId: number;
  status: FinishedStatus;
  days: IngestionDayResult[];
}

const MAX_REJECTIONS_KEPT = 50;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function toIngested(paper: DailyPaper, listedOn: string, entry: ArxivEntry | undefined, now: Date): IngestedPaper {
  const authors = entry && entry.authors.length > 0 ? entry.authors : paper.authors;
  return {
    id: paper.id,
    title: paper.title,
    abstract: paper.abstract || entry?.abstract || "",
    authors,
    authorCount: authors.length > 0 ? authors.length : null,
    publishedAt: paper.publishedAt ?? entry?.publishedAt ?? null,
    listedOn,
    sourceUpvotes: paper.sourceUpvotes,
    numComments: paper.numComments,
    thumbnail: paper.thumbnail,
    githubRepo: paper.githubRepo,
    githubStars: paper.githubStars,
    projectPage: paper.projectPage,
    aiSummary: paper.aiSummary,
    aiKeywords: paper.aiKeywords,
    categories: entry ? entry.categories : null,
    primaryCategory: entry?.primaryCategory ?? null,
    pdfUrl: entry?.pdfUrl ?? null,
    arxivFetchedAt: entry ? now : null,
    submittedOnDailyAt: paper.submittedOnDailyAt,
    submittedByName: paper.submittedBy?.name ?? null,
    submittedByFullname: paper.submittedBy?.fullname ?? null,
    submittedByAvatar: paper.submittedBy?.avatar ?? null,
    organization: paper.organization,
  };
}

async function ingestDay(db: Db, date: string, settings: IngestSettings, arxiv: ArxivClient): Promise<IngestionDayResult> {
  const result: IngestionDayResult = { date, fetched: 0, inserted: 0, updated: 0, rejected: 0 };
  let feed;
  try {
    feed = await fetchDailyPapers({ date, baseUrl: settings.hfApiUrl, policy: settings.http });
  } catch (error) {
    return { ...result, error: message(error) };
  }
  result.fetched = feed.fetched;
  const rejections = [...feed.rejections];
  if (feed.adjustments.length > 0) {
    result.adjusted = new Set(feed.adjustments.map((note) => note.replace(/:.*$/, ""))).size;
    result.adjustments = feed.adjustments.slice(0, MAX_REJECTIONS_KEPT);
  }

  try {
    // Network first, outside the transaction: a slow upstream must not hold locks in the database.
    const unknown = await idsWithoutArxivData(db, { ids: feed.papers.map((p) => p.id) });
    const fromArxiv = await arxiv.fetchEntries(unknown);
    if (fromArxiv.error) result.warning = `arXiv skipped: ${fromArxiv.error}`;
    const now = new Date();
    const rows = feed.papers.map((p) => toIngested(p, date, fromArxiv.entries.get(p.id), now));
    const { inserted, updated, refused } = await saveIngestedDay(db, { papers: rows });
    for (const { id, reason } of refused) rejections.push(`${id}: refused by the database: ${reason}`);
    return withRejections({ ...result, inserted, updated }, rejections);
  } catch (error) {
    return withRejections({ ...result, error: `not saved, nothing of this day was written: ${databaseMessage(error)}` }, rejections);
  }
}

function withRejections(day: IngestionDayResult, rejections: string[]): IngestionDayResult {
  if (rejections.length === 0) return day;
  return { ...day, rejected: rejections.length, rejections: rejections.slice(0, MAX_REJECTIONS_KEPT) };
}

function statusOf(days: IngestionDayResult[]): RunSummary["status"] {
  const failed = days.filter((d) => d.error).length;
  if (failed === 0) return "succeeded";
  return failed === days.length ? "failed" : "partial";
}

interface IngestParams {
  range: DayRange;
  settings?: IngestSettingsInput;
  onDay?: (day: IngestionDayResult, done: number, total: number) => void;
}

export const ingestJob: Job<IngestParams, { days: IngestionDayResult[] }> = {
  name: "ingest",
  lock: "ingest",
  recordParams: ({ range }) => ({ from: range.from, to: range.to }),
  async run({ range, settings: overrides, onDay }, { db, progress }) {
    const settings = ingestSettings(overrides);
    const arxiv = new ArxivClient({
      baseUrl: settings.arxivApiUrl,
      policy: settings.http,
      pauseMs: settings.arxivPauseMs,
      batchSize: settings.arxivBatchSize,
    });
    const dates = daysOf(range);
    const days: IngestionDayResult[] = [];
    for (const date of dates) {
      const day = await ingestDay(db, date, settings, arxiv);
      days.push(day);
      await progress({ days });
      onDay?.(day, days.length, dates.length);
    }
    if (days.some((d) => d.inserted > 0 || d.updated > 0)) {
      // Real papers replace the bundled sample, which must never be mixed up with them.
      await retireSampleCorpus(db);
      await papersWritten(db);
    }
    const errors = days.flatMap((d) => (d.error ? [`${d.date}: ${d.error}`] : []));
    return { status: statusOf(days), result: { days }, error: errors.length > 0 ? errors.join("\n") : null };
  },
};

export async function runIngestion({ trigger, ...params }: IngestParams & { trigger: JobTrigger }): Promise<RunSummary> {
  const { runId, status, result } = await runJob(ingestJob, { params, trigger });
  return { runId, status, days: result.days };
}
