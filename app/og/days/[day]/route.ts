import { dayShareImage } from "@/components/share-images";
import { parseDay } from "@/lib/dates";
import { routeParam } from "@/lib/decode";
import { publicHost } from "@/lib/site-url";
import { loadPeriodSummary } from "@/server/periods";

// A day's share image (`/og/days/YYYY-MM-DD.png`): drawn on first request, then cached and redrawn
// at most hourly (ISR). A day that is not a date, or has no papers, is a 404, never cached.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ day: string }> }) {
  const file = routeParam((await params).day);
  const day = file.endsWith(".png") ? parseDay(file.slice(0, -".png".length)) : null;
  const summary = day ? await loadPeriodSummary("day", day) : null;
  if (!summary || summary.count === 0) {
    return new Response("No papers were listed on this day.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  }
  return dayShareImage(summary, { site: publicHost() });
}
