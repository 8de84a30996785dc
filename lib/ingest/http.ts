/** Fetching from upstream sources with a timeout and bounded, polite retries. */

export interface HttpPolicy {
  /** Per attempt, covering the response body too. */
  timeoutMs: number;
  /** Retries after the first attempt. */
  retries: number;
  /** Backoff before retry n is `baseDelayMs * 2^(n-1)`, at most `maxDelayMs`. */
  baseDelayMs: number;
  /** Also caps how long a `Retry-After` may make us wait. */
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const defaultHttpPolicy: HttpPolicy = {
  timeoutMs: 10_000,
  retries: 3,
  baseDelayMs: 1_000,
  maxDelayMs: 60_000,
  sleep,
};

/** An upstream that could not give us a usable answer; the message is fit for a run record. */
export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

const USER_AGENT = "daily-papers-ingest/0.1 (+https://github.com/; self-hosted Daily Papers clone)";

/** Seconds or an HTTP date, as milliseconds from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
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

/**
 * GETs `url` and returns the body as text. Timeouts, network errors, 5xx and 429 are retried
 * with exponential backoff, waiting at least as long as a `Retry-After` asks; any other non-2xx
 * status fails at once. Throws UpstreamError when no attempt succeeded.
 */
export async function fetchText(
  url: string,
  policy: HttpPolicy,
  headers: Record<string, string> = {},
): Promise<string> {
  let lastFailure = "";
  let lastStatus: number | undefined;
  let attempts = 0;
  for (let attempt = 0; attempt <= policy.retries; attempt += 1) {
    attempts += 1;
    let retryAfterMs: number | null = null;
    try {
      const signal = AbortSignal.timeout(policy.timeoutMs);
      const response = await fetch(url, {
        headers: { "User-Agent": USER_AGENT, ...headers },
        signal,
        cache: "no-store",
        redirect: "follow",
      });
      if (response.ok) return await response.text();
      await response.body?.cancel().catch(() => {});
      lastStatus = response.status;
      lastFailure = `HTTP ${response.status}`;
      if (!isRetryableStatus(response.status)) break;
      retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
    } catch (error) {
      lastStatus = undefined;
      lastFailure = describeFailure(error, policy.timeoutMs);
    }
    if (attempt < policy.retries) {
      const backoff = policy.baseDelayMs * 2 ** attempt;
      await policy.sleep(Math.min(policy.maxDelayMs, Math.max(backoff, retryAfterMs ?? 0)));
    }
  }
  const tries = attempts > 1 ? ` (after ${attempts} attempts)` : "";
  throw new UpstreamError(`${shortUrl(url)}: ${lastFailure}${tries}`, lastStatus);
}

/** Long arXiv id lists would swamp a run record. */
function shortUrl(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}
