import { PeriodView } from "@/components/period-view";
import { periodMetadata, resolvePeriod } from "@/lib/period-page";

type Props = { params: Promise<{ month: string }> };

// Rendered on first request, then served from cache and refreshed in the background (ISR).
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props) {
  return periodMetadata("month", (await params).month);
}

export default async function Page({ params }: Props) {
  return <PeriodView period={await resolvePeriod("month", (await params).month)} />;
}
