import type { PeriodKind } from "@/lib/dates";
import { loadPeriodPage, periodMetadata, resolvePeriod } from "@/server/periods";
import { PeriodView } from "./period-view";

type Props<K extends string> = { params: Promise<Record<K, string>> };

/** The metadata and page of a period route (`/papers/date/[date]` and its week and month siblings). */
export function periodRoute<K extends string>(kind: PeriodKind, param: K) {
  return {
    async generateMetadata({ params }: Props<K>) {
      return periodMetadata(kind, (await params)[param]);
    },
    async Page({ params }: Props<K>) {
      const period = await resolvePeriod(kind, (await params)[param]);
      return <PeriodView listing={await loadPeriodPage(period)} />;
    },
  };
}
