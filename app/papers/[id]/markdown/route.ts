import { routeParam } from "@/lib/decode";
import { paperPath } from "@/lib/display";
import { paperMarkdown } from "@/lib/paper-markdown";
import { siteUrlOrPath } from "@/lib/site-url";
import { loadPaper } from "@/server/papers";

// `/papers/{id}.md`, and `/papers/{id}` asked for with `Accept: text/markdown`, are rewritten here
// (next.config.ts). Cached and refreshed like the page (ISR); a 404 is never cached.
export const revalidate = 60;

export function generateStaticParams() {
  return [];
}

const MARKDOWN = "text/markdown; charset=utf-8";

export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const paper = await loadPaper(routeParam((await params).id));
  if (!paper) {
    return new Response("# Not found\n\nThere is no paper with this id here.\n", {
      status: 404,
      headers: { "Content-Type": MARKDOWN, "Cache-Control": "no-store" },
    });
  }
  const pageUrl = siteUrlOrPath(paperPath(paper.id));
  return new Response(paperMarkdown(paper, { pageUrl }), {
    headers: {
      "Content-Type": MARKDOWN,
      // The page's URL answers HTML or this, by Accept; this is the HTML page's other form.
      Vary: "Accept",
      Link: `<${pageUrl}>; rel="canonical"`,
    },
  });
}
