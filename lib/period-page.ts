import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { getLatestListedDay } from "@/db/queries/papers";
import { routeParam } from "@/lib/decode";
import { parsePeriod, periodOf, periodPath, periodTitle, todayUtc, type Period, type PeriodKind } from "@/lib/dates";

/**
 * Resolves a period URL segment, or 404s. `latest` (what `/` rewrites to) is the most recent
 * day with papers, or today on an empty store.
 */
export const resolvePeriod = cache(async (kind: PeriodKind, value: string): Promise<Period> => {
  if (kind === "day" && value === "latest") {
    return periodOf("day", (await getLatestListedDay()) ?? todayUtc());
  }
  const period = parsePeriod(kind, routeParam(value));
  if (!period) notFound();
  return period;
});

export async function periodMetadata(kind: PeriodKind, value: string): Promise<Metadata> {
  const period = await resolvePeriod(kind, value);
  const title = periodTitle(period);
  return {
    title: value === "latest" ? { absolute: "Daily Papers" } : title,
    alternates: { canonical: periodPath(period) },
  };
}
