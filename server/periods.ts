import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import {
  getLatestListedDay,
  getListedDayCounts,
  getListedPapers,
  getPeriodFacts,
  type PaperSort,
  type PaperWithOrg,
} from "@/db/queries/papers";
import { routeParam } from "@/lib/decode";
import { clip, countOf } from "@/lib/display";
import { pageMetadata, pagePath, routePageNumber, shareImagePath, SITE_NAME } from "@/lib/page-metadata";
import { parsePeriod, periodOf, periodPath, periodTitle, todayUtc, type Period, type PeriodKind } from "@/lib/dates";
import { feedAlternates } from "@/lib/feeds";

// Days page by 50, each page its own cacheable path, so a day of hundreds stays light to send, render and hydrate.
export const DAY_PAGE_SIZE = 50;
export const MAX_DAY_PAGE = 99;

// Weeks and months list their top papers only (hundreds of cards would weigh megabytes) and link each day for the rest.
export const PERIOD_TOP = 50;

export interface PeriodListing {
  period: Period;
  papers: PaperWithOrg[];
  total?: number;
  page?: number;
  offset?: number;
  days?: { day: string; papers: number }[];
  previous: Period | null;
  next: Period | null;
}

/** Shared by the listing and its summary within a render (React's cache), so a page asks once. */
const periodFacts = cache(async (start: string, end: string) => getPeriodFacts(await getDb(), { start, end }));

export async function latestDay(): Promise<string | null> {
  return getLatestListedDay(await getDb());
}

export async function loadPeriod({
  period,
  submitter,
  sort = "trending",
  limit,
  offset = 0,
}: {
  period: Period;
  submitter?: string;
  sort?: PaperSort;
  limit: number;
  offset?: number;
}): Promise<PeriodListing> {
  const db = await getDb();
  const [papers, neighbors] = await Promise.all([
    getListedPapers(db, { start: period.start, end: period.end, submitter, sort, limit, offset }),
    periodFacts(period.start, period.end),
  ]);
  return {
    period,
    papers,
    previous: neighbors.previous ? periodOf(period.kind, neighbors.previous) : null,
    next: neighbors.next ? periodOf(period.kind, neighbors.next) : null,
  };
}

export async function loadPeriodPage(period: Period, page = 0): Promise<PeriodListing> {
  if (period.kind === "day") {
    const offset = page * DAY_PAGE_SIZE;
    const [listing, summary] = await Promise.all([
      loadPeriod({ period, limit: DAY_PAGE_SIZE, offset }),
      loadPeriodSummary("day", period.key),
    ]);
    if (page > 0 && listing.papers.length === 0) notFound();
    return { ...listing, total: summary.count, page, offset };
  }
  const db = await getDb();
  const [listing, days] = await Promise.all([
    loadPeriod({ period, limit: PERIOD_TOP }),
    getListedDayCounts(db, { start: period.start, end: period.end }),
  ]);
  return { ...listing, days, total: days.reduce((n, d) => n + d.papers, 0) };
}

export function periodPageNumber(raw: string | undefined): number {
  return routePageNumber(raw, MAX_DAY_PAGE) ?? notFound();
}

export async function loadPeriodRoute(kind: PeriodKind, value: string, rawPage: string | undefined): Promise<PeriodListing> {
  const period = await resolvePeriod(kind, value);
  return loadPeriodPage(period, periodPageNumber(rawPage));
}

/** `latest` (what `/` rewrites to) is the most recent day with papers, or today on an empty store. */
export const resolvePeriod = cache(async (kind: PeriodKind, value: string): Promise<Period> => {
  if (kind === "day" && value === "latest") return periodOf("day", (await latestDay()) ?? todayUtc());
  const period = parsePeriod(kind, routeParam(value));
  if (!period) notFound();
  return period;
});

export interface PeriodSummary {
  period: Period;
  count: number;
  top: PaperWithOrg[];
}

const SUMMARY_TOP = 5;

export const loadPeriodSummary = cache(async (kind: PeriodKind, key: string): Promise<PeriodSummary> => {
  const period = parsePeriod(kind, key);
  if (!period) throw new Error(`not a ${kind}: ${key}`);
  const db = await getDb();
  const [{ count }, top] = await Promise.all([
    periodFacts(period.start, period.end),
    getListedPapers(db, { start: period.start, end: period.end, limit: SUMMARY_TOP }),
  ]);
  return { period, count, top };
});

const PERIOD_PHRASE: Record<PeriodKind, string> = { day: "on", week: "in", month: "in" };

export async function periodMetadata(kind: PeriodKind, value: string, page = 0): Promise<Metadata> {
  const period = await resolvePeriod(kind, value);
  const { count, top } = await loadPeriodSummary(period.kind, period.key);
  const title = periodTitle(period);
  const listed = `${PERIOD_PHRASE[kind]} ${title}`;
  const description =
    count === 0
      ? `No machine learning papers were listed ${listed}.`
      : clip(
          `The ${countOf(count, "machine learning paper")} listed ${listed}, ranked by upvotes: ${top
            .slice(0, 3)
            .map((p) => p.title)
            .join("; ")}.`,
          200,
        );
  return pageMetadata(
    {
      title: value === "latest" ? { absolute: SITE_NAME } : page > 0 ? `${title} (page ${page + 1})` : title,
      description,
      path: pagePath(periodPath(period), page),
      image: kind === "day" && count > 0 ? { path: shareImagePath.day(period.key), alt: `Daily Papers for ${title}` } : undefined,
    },
    { alternates: { types: feedAlternates({ kind: "daily" }, "Daily Papers") } },
  );
}
