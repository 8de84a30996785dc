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

// Days, weeks and months page by 50, each page its own cacheable path, so a month of thousands stays light to send, render and hydrate.
export const PERIOD_PAGE_SIZE = 50;
export const MAX_PERIOD_PAGE = 99;

export interface PeriodPapers {
  period: Period;
  papers: PaperWithOrg[];
  previous: Period | null;
  next: Period | null;
}

export interface PeriodListing extends PeriodPapers {
  total: number;
  page: number;
  offset: number;
  /** A week's or month's days that have papers. */
  days?: { day: string; papers: number }[];
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
}): Promise<PeriodPapers> {
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
  const offset = page * PERIOD_PAGE_SIZE;
  const [listing, days, summary] = await Promise.all([
    loadPeriod({ period, limit: PERIOD_PAGE_SIZE, offset }),
    period.kind === "day" ? undefined : getDb().then((db) => getListedDayCounts(db, { start: period.start, end: period.end })),
    period.kind === "day" ? loadPeriodSummary("day", period.key) : undefined,
  ]);
  if (page > 0 && listing.papers.length === 0) notFound();
  const total = days ? days.reduce((n, d) => n + d.papers, 0) : (summary?.count ?? 0);
  return { ...listing, days, total, page, offset };
}

export function periodPageNumber(raw: string | undefined): number {
  return routePageNumber(raw, MAX_PERIOD_PAGE) ?? notFound();
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
