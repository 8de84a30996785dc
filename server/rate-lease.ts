/**
 * Shared rate limits without a database write per request: the "lease" mechanism of
 * server/rate-limit.ts, for hot reads (search, share-image drawing). Each server process takes a
 * lease of several units at once from the shared counter
 * (rate_limits, one upsert) and spends it locally; a key refused in a window is remembered until
 * the window ends, so a client flooding past its limit costs no database work at all.
 *
 * Exact where it matters: the units granted across every process never exceed the limit, because
 * each lease is granted against the shared count. A process's unspent units are lost when the
 * window ends, so with several processes a client may be refused up to (processes − 1) × lease
 * units early; with the leases below that is 5% of the limit per extra process. A lease is
 * bigger when more requests of the key are waiting for it, so a burst takes one lease, not many.
 */
import "server-only";
import type { Db } from "@/db";
import { consumeRateLimit } from "@/db/queries/rate-limits";

/** A lease is this share of the limit (at least 1 unit, at most MAX_LEASE). */
const LEASE_SHARE = 1 / 20;
const MAX_LEASE = 100;
/** Keys with a lease or a refusal held at once; the oldest are dropped first. */
const MAX_KEYS = 50_000;

interface Held {
  windowStart: number;
  /** The limit it was taken under (a changed limit takes a new lease). */
  limit: number;
  /** Units of the lease left to spend; 0 with `refused` means none until the window ends. */
  left: number;
  refused: boolean;
}

export interface LeaseOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

/** One process's leases (the app has one, `rateLeases`; a test makes two to act as two processes). */
export class RateLeases {
  private held = new Map<string, Held>();
  /** Leases being taken: concurrent requests of one key wait for the same one. */
  private taking = new Map<string, Promise<void>>();
  /** Units asked by requests of a key waiting for a lease: the next lease is at least that big. */
  private waiting = new Map<string, number>();

  async consume(
    db: Db,
    {
      key,
      limit,
      windowSeconds,
      cost = 1,
      now = () => new Date(),
    }: { key: string; limit: number; windowSeconds: number; cost?: number; now?: () => Date },
  ): Promise<LeaseOutcome> {
    const windowMs = windowSeconds * 1000;
    const lease = Math.max(cost, Math.min(MAX_LEASE * cost, Math.floor(limit * LEASE_SHARE)));
    // Bounded: a lease is sized for every request waiting when it is taken, so one or two serve all.
    for (let attempt = 0; attempt < 8; attempt += 1) {
      const at = now().getTime();
      const windowStart = Math.floor(at / windowMs) * windowMs;
      const retryAfterSeconds = Math.ceil((windowStart + windowMs - at) / 1000);
      const mine = this.held.get(key);
      if (mine && mine.windowStart === windowStart && mine.limit === limit) {
        if (mine.left >= cost) {
          mine.left -= cost;
          return { allowed: true, retryAfterSeconds };
        }
        if (mine.refused) return { allowed: false, retryAfterSeconds };
      }
      this.waiting.set(key, (this.waiting.get(key) ?? 0) + cost);
      let pending = this.taking.get(key);
      if (!pending) {
        pending = this.take(db, { key, limit, windowSeconds, lease, at: new Date(at), windowStart }).finally(() => this.taking.delete(key));
        this.taking.set(key, pending);
      }
      try {
        await pending;
      } finally {
        const left = (this.waiting.get(key) ?? cost) - cost;
        if (left > 0) this.waiting.set(key, left);
        else this.waiting.delete(key);
      }
    }
    // Still no unit after that many leases (they went to others): this request counts alone.
    const outcome = await consumeRateLimit(db, { key, limit, windowSeconds, cost, now: now() });
    return { allowed: outcome.allowed, retryAfterSeconds: outcome.retryAfterSeconds };
  }

  private async take(
    db: Db,
    {
      key,
      limit,
      windowSeconds,
      lease,
      at,
      windowStart,
    }: { key: string; limit: number; windowSeconds: number; lease: number; at: Date; windowStart: number },
  ): Promise<void> {
    // Requests arriving in this same turn join the wait before the lease is sized.
    await Promise.resolve();
    const size = Math.max(lease, this.waiting.get(key) ?? 1);
    const { count } = await consumeRateLimit(db, { key, limit, windowSeconds, cost: size, now: at });
    // Units of this lease within the limit: the shared count before it was count − size.
    const granted = Math.max(0, Math.min(size, limit - (count - size)));
    this.held.delete(key);
    this.held.set(key, { windowStart, limit, left: granted, refused: granted < size });
    if (this.held.size > MAX_KEYS) this.held.delete(this.held.keys().next().value!);
  }

  /** Forgets every lease and refusal (tests: as a freshly started process). */
  reset(): void {
    this.held.clear();
    this.taking.clear();
    this.waiting.clear();
  }
}

/** This process's leases. */
export const rateLeases = new RateLeases();
