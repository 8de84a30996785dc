/**
 * The period listing (a day, an ISO week, a month, ranked), for the pages and the API, and later
 * feeds and digests: `{ period, papers, previous, next }`.
 */
import "server-only";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db";
import { getLatestListedDay, getListedPapers, getNeighborDays, type PaperSort, type PaperWithOrg } from "@/db/queries/papers";
import { routeParam } from "@/lib/decode";
import { parsePeriod, periodOf, periodPath, periodTitle, todayUtc, type Period, type PeriodKind } from "@/lib/dates";
import { feedAlternates } from "@/lib/feeds";

/** The most papers one period page lists; a month rarely holds more on the source site. */
export const PERIOD_PAGE_LIMIT = 200;

export interface PeriodListing {
  period: Period;
  papers: PaperWithOrg[];
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
  sort = "trending",
  limit,
  offset = 0,
}: {
  period: Period;
  sort?: PaperSort;
  limit: number;
  offset?: number;
}): Promise<PeriodListing> {
  const db = await getDb();
  const [papers, neighbors] = await Promise.all([
    getListedPapers(db, { start: period.start, end: period.end, sort, limit, offset }),
    getNeighborDays(db, { start: period.start, end: period.end }),
  ]);
  return {
    period,
    papers,
    previous: neighbors.previous ? periodOf(period.kind, neighbors.previous) : null,
    next: neighbors.next ? periodOf(period.kind, neighbors.next) : null,
  };
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

export async function periodMetadata(kind: PeriodKind, value: string): Promise<Metadata> {
  const period = await resolvePeriod(kind, value);
  const title = periodTitle(period);
  return {
    title: value === "latest" ? { absolute: "Daily Papers" } : title,
    alternates: { canonical: periodPath(period), types: feedAlternates({ kind: "daily" }, "Daily Papers") },
  };
}
