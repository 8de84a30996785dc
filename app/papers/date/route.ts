import { type NextRequest, NextResponse } from "next/server";

/** The date picker's no-JavaScript fallback: `/papers/date?date=2026-03-09` → `/papers/date/2026-03-09`. */
export function GET(request: NextRequest) {
  const date = request.nextUrl.searchParams.get("date")?.trim() ?? "";
  // An invalid value lands on the day route, which answers with a proper 404 page.
  const target = date ? `/papers/date/${encodeURIComponent(date)}` : "/";
  return NextResponse.redirect(new URL(target, request.nextUrl), 303);
}
