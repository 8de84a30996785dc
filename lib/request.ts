import { ApiError } from "@/lib/errors";

/**
 * The client address as the proxy in front of us reports it. Next.js fills `x-forwarded-for` with
 * the socket address when no proxy set it; behind a proxy, the proxy's first entry is the client.
 */
export function clientIp(headers: Headers): string {
  return headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip") || "unknown";
}

/**
 * Refuses state-changing requests made by another site: a browser always sends `Origin` (and
 * `Sec-Fetch-Site`) on cross-origin POST/DELETE; non-browser clients send neither and carry no
 * ambient cookies to abuse.
 */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new ApiError("forbidden:origin", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (!origin) return;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host") ?? new URL(request.url).host;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    throw new ApiError("forbidden:origin", "Malformed Origin header.");
  }
  if (originHost !== host) throw new ApiError("forbidden:origin", "Cross-site requests are not allowed.");
}
