import { notFound } from "next/navigation";
import type { PeriodKind } from "@/lib/dates";
import { loadPeriodPage, MAX_DAY_PAGE, periodMetadata, resolvePeriod } from "@/server/periods";
import { PeriodView } from "./period-view";

type Props<K extends string> = { params: Promise<Record<K, string> & { p?: string }> };

/** A day's page number (`/page/N`, from `?p=N`): 404 unless a whole number up to MAX_DAY_PAGE. */
function pageNumber(raw: string | undefined): number {
  if (raw === undefined) return 0;
  if (!/^\d{1,2}$/.test(raw) || Number(raw) > MAX_DAY_PAGE) notFound();
  return Number(raw);
}

/**
 * The metadata and page of a period route (`/papers/date/[date]` and its week and month siblings;
 * a day's further pages are `/papers/date/[date]/page/[p]`, which `?p=N` is rewritten to).
 */
export function periodRoute<K extends string>(kind: PeriodKind, param: K) {
  return {
    async generateMetadata({ params }: Props<K>) {
      const values = await params;
      return periodMetadata(kind, values[param], pageNumber(values.p));
    },
    async Page({ params }: Props<K>) {
      const values = await params;
      const period = await resolvePeriod(kind, values[param]);
      return <PeriodView listing={await loadPeriodPage(period, pageNumber(values.p))} />;
    },
  };
}
