import { NextResponse, type NextRequest } from "next/server";
import { isMalformedPath, MALFORMED_PATH, malformedApiPath } from "@/lib/decode";
import { searchPageRefusal } from "@/server/search/limit";

/** A mail link is one URL: GET shows a button, since link scanners fetch links and must not act; a POST (RFC 8058 one-click too) goes to the route that acts. */
const ACTIONS: Record<string, string> = {
  "/unsubscribe": "/api/unsubscribe",
  "/subscribe/confirm": "/api/subscriptions/confirm",
};

export async function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  // `npm start` answers these before Next.js (server/http/edge.ts); `next dev`, `next start` and serverless hosts come here.
  if (isMalformedPath(pathname))
    return pathname.startsWith("/api/") ? malformedApiPath() : NextResponse.rewrite(new URL(MALFORMED_PATH, request.url));
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

// `/(.*%.*)`: every path holding a percent sign, among them all that are not valid percent-encoding.
export const config = { matcher: ["/unsubscribe", "/subscribe/confirm", "/papers", "/(.*%.*)"] };
