/**
 * The period listing (a day, an ISO week, a month, ranked), for the pages and the API, and later
 * feeds and digests: `{ period, papers, previous, next }`.
 */
import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { countListedPapers, getLatestListedDay, getListedDayCounts, getListedPapers, getNeighborDays, type PaperSort, type PaperWithOrg } from "@/db/queries/papers";
import { routeParam } from "@/lib/decode";
import { clip, countOf } from "@/lib/display";
import { pageMetadata, shareImagePath, SITE_NAME } from "@/lib/page-metadata";
import { parsePeriod, periodOf, periodPath, periodTitle, todayUtc, type Period, type PeriodKind } from "@/lib/dates";
import { feedAlternates } from "@/lib/feeds";

/** The most papers one period page lists; a day rarely holds more on the source site. */
export const PERIOD_PAGE_LIMIT = 200;

/**
 * A week's or a month's page lists its most upvoted papers only (hundreds of cards would weigh
 * megabytes) and links each of its days, whose pages list them all.
 */
export const PERIOD_TOP = 50;

export interface PeriodListing {
  period: Period;
  papers: PaperWithOrg[];
  /** How many papers the period has (a week's or a month's page shows its top ones). */
  total?: number;
  /** A week's or a month's days with papers, and how many each has. */
  days?: { day: string; papers: number }[];
  /** The nearest periods of the same kind that have papers: navigation skips empty ones. */
  previous: Period | null;
  next: Period | null;
}

/** The most recent day with papers, or null for an empty store. */
export async function latestDay(): Promise<string | null> {
  return getLatestListedDay(await getDb());
}

/** The papers of a period, ranked, and its neighbours with papers. */
export async function loadPeriod({
  period,
  submitter,
  sort = "trending",
  limit,
  offset = 0,
}: {
  period: Period;
  /** Only the papers this user submitted (the API's `submitter`). */
  submitter?: string;
  sort?: PaperSort;
  limit: number;
  offset?: number;
}): Promise<PeriodListing> {
  const db = await getDb();
  const [papers, neighbors] = await Promise.all([
    getListedPapers(db, { start: period.start, end: period.end, submitter, sort, limit, offset }),
    getNeighborDays(db, { start: period.start, end: period.end }),
  ]);
  return {
    period,
    papers,
    previous: neighbors.previous ? periodOf(period.kind, neighbors.previous) : null,
    next: neighbors.next ? periodOf(period.kind, neighbors.next) : null,
  };
}

/** A period's page: a day whole (up to PERIOD_PAGE_LIMIT), a week or a month its top PERIOD_TOP and its days. */
export async function loadPeriodPage(period: Period): Promise<PeriodListing> {
  if (period.kind === "day") return loadPeriod({ period, limit: PERIOD_PAGE_LIMIT });
  const db = await getDb();
  const [listing, days] = await Promise.all([loadPeriod({ period, limit: PERIOD_TOP }), getListedDayCounts(db, { start: period.start, end: period.end })]);
  return { ...listing, days, total: days.reduce((n, d) => n + d.papers, 0) };
}

/**
 * Resolves a period URL segment, or 404s. `latest` (what `/` rewrites to) is the most recent
 * day with papers, or today on an empty store.
 */
export const resolvePeriod = cache(async (kind: PeriodKind, value: string): Promise<Period> => {
  if (kind === "day" && value === "latest") return periodOf("day", (await latestDay()) ?? todayUtc());
  const period = parsePeriod(kind, routeParam(value));
  if (!period) notFound();
  return period;
});

export interface PeriodSummary {
  period: Period;
  count: number;
  /** Its most upvoted papers, at most SUMMARY_TOP. */
  top: PaperWithOrg[];
}

/** How many of its top papers a period's description and share image name. */
const SUMMARY_TOP = 5;

/** What a period's description and share image say: how many papers, and the top ones. */
export const loadPeriodSummary = cache(async (kind: PeriodKind, key: string): Promise<PeriodSummary> => {
  const period = parsePeriod(kind, key);
  if (!period) throw new Error(`not a ${kind}: ${key}`);
  const db = await getDb();
  const [count, top] = await Promise.all([
    countListedPapers(db, { start: period.start, end: period.end }),
    getListedPapers(db, { start: period.start, end: period.end, limit: SUMMARY_TOP }),
  ]);
  return { period, count, top };
});

const PERIOD_PHRASE: Record<PeriodKind, string> = { day: "on", week: "in", month: "in" };

export async function periodMetadata(kind: PeriodKind, value: string): Promise<Metadata> {
  const period = await resolvePeriod(kind, value);
  const { count, top } = await loadPeriodSummary(period.kind, period.key);
  const title = periodTitle(period);
  const listed = `${PERIOD_PHRASE[kind]} ${title}`;
  const description =
    count === 0
      ? `No machine learning papers were listed ${listed}.`
      : clip(`The ${countOf(count, "machine learning paper")} listed ${listed}, ranked by upvotes: ${top.slice(0, 3).map((p) => p.title).join("; ")}.`, 200);
  return pageMetadata({
    title: value === "latest" ? { absolute: SITE_NAME } : title,
    description,
    path: periodPath(period),
    image: kind === "day" && count > 0 ? { path: shareImagePath.day(period.key), alt: `Daily Papers for ${title}` } : undefined,
  }, { alternates: { types: feedAlternates({ kind: "daily" }, "Daily Papers") } });
}
