import { PeriodView } from "@/components/periods/period-view";
import type { PeriodKind } from "@/lib/dates";
import { loadPeriodRoute, periodMetadata, periodPageNumber } from "@/server/periods";

type Props<K extends string> = { params: Promise<Record<K, string> & { p?: string }> };

export function periodRoute<K extends string>(kind: PeriodKind, param: K) {
  return {
    async generateMetadata({ params }: Props<K>) {
      const values = await params;
      return periodMetadata(kind, values[param], periodPageNumber(values.p));
    },
    async Page({ params }: Props<K>) {
      const values = await params;
      return <PeriodView listing={await loadPeriodRoute(kind, values[param], values.p)} />;
    },
  };
}
