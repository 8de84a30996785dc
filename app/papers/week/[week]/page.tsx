import { PeriodView } from "@/components/period-view";
import { periodMetadata, resolvePeriod } from "@/lib/period-page";

type Props = { params: Promise<{ week: string }> };

// Rendered on first request, then served from cache and refreshed in the background (ISR).
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

export async function generateMetadata({ params }: Props) {
  return periodMetadata("week", (await params).week);
}

export default async function Page({ params }: Props) {
  return <PeriodView period={await resolvePeriod("week", (await params).week)} />;
}
