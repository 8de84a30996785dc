import "server-only";
import { readBounded } from "@/lib/bounded-body";
import { UpstreamError } from "@/lib/ingest/upstream-error";

export { UpstreamError };

export interface HttpPolicy {
  timeoutMs: number;
  retries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A real page of 100 papers is about 300 KB. */
  maxBodyBytes: number;
  sleep: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const defaultHttpPolicy: HttpPolicy = {
  timeoutMs: 10_000,
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  maxBodyBytes: 16 * 1024 * 1024,
  sleep,
};

/** Only to the same host: a feed that sends us elsewhere is not the feed. */
const MAX_REDIRECTS = 5;

const USER_AGENT = "daily-papers-ingest/0.1 (+https://github.com/; self-hosted Daily Papers clone)";

export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}

async function readBody(response: Response, maxBytes: number): Promise<string> {
  const bytes = await readBounded(response, maxBytes);
  if (!bytes) throw new UpstreamError(`response is over the ${maxBytes}-byte limit`);
  return new TextDecoder().decode(bytes);
}

async function get(url: string, init: RequestInit): Promise<Response> {
  let current = new URL(url);
  for (let hops = 0; ; hops += 1) {
    const response = await fetch(current, { ...init, redirect: "manual" });
    if (response.status < 300 || response.status > 399 || response.status === 304) return response;
    await response.body?.cancel().catch(() => {});
    const location = response.headers.get("location");
    if (!location) throw new UpstreamError(`HTTP ${response.status} without a Location`, response.status);
    const next = new URL(location, current);
    if (next.host !== current.host) throw new UpstreamError(`redirected to another host (${next.host}); not followed`, response.status);
    if (hops >= MAX_REDIRECTS) throw new UpstreamError(`more than ${MAX_REDIRECTS} redirects`, response.status);
    current = next;
  }
}

function isRetryableStatus(status: number): boolean {
  return status === 429 || status >= 500;
}

function describeFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
    return `timed out after ${timeoutMs} ms`;
  }
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** Timeouts, network errors, 5xx and 429 are retried with backoff, at least as long as `Retry-After` asks; other statuses fail at once. */
export async function fetchText(url: string, policy: HttpPolicy, headers: Record<string, string> = {}): Promise<string> {
  let lastFailure = "";
  let lastStatus: number | undefined;
  let attempts = 0;
  for (let attempt = 0; attempt <= policy.retries; attempt += 1) {
    attempts += 1;
    let retryAfterMs: number | null = null;
    try {
      const signal = AbortSignal.timeout(policy.timeoutMs);
      const response = await get(url, { headers: { "User-Agent": USER_AGENT, ...headers }, signal, cache: "no-store" });
      if (response.ok) return await readBody(response, policy.maxBodyBytes);
      await response.body?.cancel().catch(() => {});
      lastStatus = response.status;
      lastFailure = `HTTP ${response.status}`;
      if (!isRetryableStatus(response.status)) break;
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    } catch (error) {
      lastStatus = error instanceof UpstreamError ? error.status : undefined;
      lastFailure = describeFailure(error, policy.timeoutMs);
      // A body over the limit or a redirect elsewhere would be the same again: no retry.
      if (error instanceof UpstreamError) break;
    }
    if (attempt < policy.retries) {
      const backoff = policy.baseDelayMs * 2 ** attempt;
      await policy.sleep(Math.min(policy.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0)));
    }
  }
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
  throw new UpstreamError(`${shortUrl(url)}: ${lastFailure}${tries}`, lastStatus);
}

function shortUrl(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
