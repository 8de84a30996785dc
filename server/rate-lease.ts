/**
 * The "lease" mechanism of server/rate-limit.ts: a process leases several units at once from the shared count and spends them
 * locally, so hot reads write nothing per request. Grants never exceed the limit across processes; unspent units lapse with
 * the window, so a client may be refused up to (processes − 1) × lease units early (5% of the limit per extra process).
 */
import "server-only";
import type { Db } from "@/db";
import { consumeRateLimit } from "@/db/queries/rate-limits";

const LEASE_SHARE = 1 / 20;
const MAX_LEASE = 100;
const MAX_KEYS = 50_000;

interface Held {
  windowStart: number;
  limit: number;
  left: number;
  refused: boolean;
}

export interface LeaseOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

export class RateLeases {
  private held = new Map<string, Held>();
  private taking = new Map<string, Promise<void>>();
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
    await Promise.resolve();
    const size = Math.max(lease, this.waiting.get(key) ?? 1);
    const { count } = await consumeRateLimit(db, { key, limit, windowSeconds, cost: size, now: at });
    // Units of this lease within the limit: the shared count before it was count − size.
    const granted = Math.max(0, Math.min(size, limit - (count - size)));
    this.held.delete(key);
    this.held.set(key, { windowStart, limit, left: granted, refused: granted < size });
    if (this.held.size > MAX_KEYS) this.held.delete(this.held.keys().next().value!);
  }

  reset(): void {
    this.held.clear();
    this.taking.clear();
    this.waiting.clear();
  }
}

export const rateLeases = new RateLeases();
