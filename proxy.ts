import { NextResponse, type NextRequest } from "next/server";

/**
 * The links in mail are one URL for two things: a GET shows a page with a button (link scanners
 * fetch links, and must not unsubscribe or confirm anyone), a POST acts. Pages answer GET only, so
 * a POST goes to the route handler that acts: mail clients' one-click unsubscribe (RFC 8058) and
 * the pages' own buttons.
 */
const ACTIONS: Record<string, string> = {
  "/unsubscribe": "/api/unsubscribe",
  "/subscribe/confirm": "/api/subscriptions/confirm",
};

export function proxy(request: NextRequest) {
  const target = ACTIONS[request.nextUrl.pathname];
  if (request.method !== "POST" || !target) return NextResponse.next();
  const url = request.nextUrl.clone();
  url.pathname = target;
  return NextResponse.rewrite(url);
}

export const config = { matcher: ["/unsubscribe", "/subscribe/confirm"] };
