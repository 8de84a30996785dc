import { NextResponse, type NextRequest } from "next/server";
import { searchPageRefusal } from "@/server/search/limit";

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

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  const target = ACTIONS[pathname];
  if (request.method === "POST" && target) {
    const url = request.nextUrl.clone();
    url.pathname = target;
    return NextResponse.rewrite(url);
  }
  // The search page counts against the client's search budget like every other way to search.
  if (pathname === "/papers" && (request.method === "GET" || request.method === "HEAD"))
    return (await searchPageRefusal(request)) ?? NextResponse.next();
  return NextResponse.next();
}

export const config = { matcher: ["/unsubscribe", "/subscribe/confirm", "/papers"] };
