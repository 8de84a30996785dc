import { paperShareImage } from "@/components/share-images";
import { routeParam } from "@/lib/decode";
import { publicHost } from "@/lib/site-url";
import { loadPaper } from "@/server/papers";

// A paper's share image (`/og/papers/{id}.png`): drawn on first request, then cached and redrawn
// at most hourly (ISR); a 404 is never cached.
export const revalidate = 3600;

export function generateStaticParams() {
  return [];
}

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const file = routeParam((await params).id);
  const paper = file.endsWith(".png") ? await loadPaper(file.slice(0, -".png".length)) : null;
  if (!paper) return new Response("No such paper.\n", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" } });
  return paperShareImage(paper, { site: publicHost() });
}
