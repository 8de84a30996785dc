import type { NextRequest } from "next/server";
import { siteUrlOrPath } from "@/lib/site-url";

/** The date picker's no-JavaScript fallback: `/papers/date?date=2026-03-09` → `/papers/date/2026-03-09`. */
export function GET(request: NextRequest) {
  const date = request.nextUrl.searchParams.get("date")?.trim() ?? "";
  // An invalid value lands on the day route, which answers with a proper 404 page.
  const target = date ? `/papers/date/${encodeURIComponent(date)}` : "/";
  // On the public URL: the request's own URL is the socket's address behind a proxy.
  return new Response(null, { status: 303, headers: { Location: siteUrlOrPath(target), "Cache-Control": "no-store" } });
}
