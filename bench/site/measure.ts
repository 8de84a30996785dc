/** One load case's figures, whichever generator drove it. Latencies in ms. */
export interface Measure {
  tool: "wrk" | "autocannon";
  requests: number;
  seconds: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  /** Responses with a status other than 2xx (wrk: 4xx and 5xx). */
  badStatus: number;
  timeouts: number;
  /** Connection errors: refused, reset, cut off. */
  errors: number;
}

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** What bench/site/autocannon-worker.ts is asked to do (as JSON in a file). */
export interface AutocannonJob {
  origin: string;
  connections: number;
  seconds: number;
  method: "GET" | "POST" | "DELETE";
  paths: string[];
  headers?: Record<string, string>;
  cookies?: string[];
  once?: boolean;
  toggle?: boolean;
  /** Requests a second across all connections (paced, as people vote), instead of flat out. */
  rate?: number;
}
