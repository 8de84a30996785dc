/**
 * Every limit is named in RATE_LIMITS. "exact" upserts per event (rare writes such as mail); "lease" leases units from the
 * shared count (server/rate-lease.ts) so hot reads do not write per request; "statement" is counted by vote_in_session
 * inside the vote's own statement (given the prefix), so a vote stays one round trip.
 */
import "server-only";
import { LRUCache } from "lru-cache";
import { getDb } from "@/db";
import { consumeRateLimit } from "@/db/queries/rate-limits";
import { env } from "@/lib/env";
import { ApiError, type ErrorCode } from "@/lib/errors";
import { rateLeases } from "./rate-lease";

interface RateLimit {
  prefix: string;
  windowSeconds: number;
  readonly limit: number;
  readonly cost: number;
  mechanism: "exact" | "lease" | "statement";
  surface: string;
  readonly message: string;
}

const SEARCH_UNITS = 100;

const searchMessage = () =>
  `Too many searches: at most ${env.SEARCH_RATE_LIMIT} searches or ${env.SUGGEST_RATE_LIMIT} suggestions a minute from one client; wait a moment.`;

const SIGN_IN_WINDOW = 15 * 60;
const CONFIRMATION_WINDOW = 24 * 60 * 60;

export const RATE_LIMITS = {
  search: {
    prefix: "search:ip:",
    windowSeconds: 60,
    get limit() {
      return env.SEARCH_RATE_LIMIT * SEARCH_UNITS;
    },
    cost: SEARCH_UNITS,
    mechanism: "lease",
    surface: "search",
    get message() {
      return searchMessage();
    },
  },
  suggest: {
    prefix: "search:ip:",
    windowSeconds: 60,
    get limit() {
      return env.SEARCH_RATE_LIMIT * SEARCH_UNITS;
    },
    get cost() {
      return Math.max(1, Math.round((SEARCH_UNITS * env.SEARCH_RATE_LIMIT) / env.SUGGEST_RATE_LIMIT));
    },
    mechanism: "lease",
    surface: "suggest",
    get message() {
      return searchMessage();
    },
  },
  shareImageDraw: {
    prefix: "share-image:ip:",
    windowSeconds: 60,
    get limit() {
      return env.SHARE_IMAGE_DRAW_LIMIT;
    },
    cost: 1,
    mechanism: "lease",
    surface: "share-image",
    get message() {
      return `Too many new share images: at most ${env.SHARE_IMAGE_DRAW_LIMIT} a minute are drawn for one client; wait a moment.`;
    },
  },
  // Generous enough for a lab behind one address; per mailbox (mailboxKey), so +tags cannot multiply it.
  signInMailbox: {
    prefix: "signin:email:",
    windowSeconds: SIGN_IN_WINDOW,
    limit: 5,
    cost: 1,
    mechanism: "exact",
    surface: "signin",
    message: "Too many sign-in emails were asked for; try again later.",
  },
  signInClient: {
    prefix: "signin:ip:",
    windowSeconds: SIGN_IN_WINDOW,
    limit: 30,
    cost: 1,
    mechanism: "exact",
    surface: "signin",
    message: "Too many sign-in emails were asked for; try again later.",
  },
  // Enough to retry, too few to flood an inbox.
  confirmationMailbox: {
    prefix: "confirm-mail:address:",
    windowSeconds: CONFIRMATION_WINDOW,
    limit: 3,
    cost: 1,
    mechanism: "exact",
    surface: "subscription",
    message: "Too many confirmation emails were asked for; try again later.",
  },
  confirmationClient: {
    prefix: "confirm-mail:client:",
    windowSeconds: CONFIRMATION_WINDOW,
    limit: 10,
    cost: 1,
    mechanism: "exact",
    surface: "subscription",
    message: "Too many confirmation emails were asked for; try again later.",
  },
  followChange: {
    prefix: "follow:",
    windowSeconds: 60,
    limit: 60,
    cost: 1,
    mechanism: "exact",
    surface: "follow",
    message: "Too many changes to your topics; wait a moment and try again.",
  },
  vote: {
    prefix: "vote:",
    windowSeconds: 60,
    limit: 120,
    cost: 1,
    mechanism: "statement",
    surface: "upvote",
    message: "Too many votes; wait a moment and try again.",
  },
} as const satisfies Record<string, RateLimit>;

export type RateLimitName = keyof typeof RATE_LIMITS;

export interface RateOutcome {
  allowed: boolean;
  retryAfterSeconds: number;
}

export function rateLimitedError(name: RateLimitName, retryAfterSeconds: number): ApiError {
  const { surface, message } = RATE_LIMITS[name];
  return new ApiError(`rate_limited:${surface}` as ErrorCode, message, { "Retry-After": String(retryAfterSeconds) });
}

export async function countRate(
  name: RateLimitName,
  subject: string,
  { cost, now = new Date() }: { cost?: number; now?: Date } = {},
): Promise<RateOutcome> {
  const rule: RateLimit = RATE_LIMITS[name];
  const counted = { key: `${rule.prefix}${subject}`, limit: rule.limit, windowSeconds: rule.windowSeconds, cost: cost ?? rule.cost };
  const db = await getDb();
  if (rule.mechanism === "lease") return rateLeases.consume(db, { ...counted, now: () => now });
  if (rule.mechanism === "exact") {
    const { allowed, retryAfterSeconds } = await consumeRateLimit(db, { ...counted, now });
    return { allowed, retryAfterSeconds };
  }
  throw new Error(`The rate limit ${name} is counted by its own statement, not by countRate.`);
}

export async function limitRate(name: RateLimitName, subject: string, options: { cost?: number; now?: Date } = {}): Promise<void> {
  const outcome = await countRate(name, subject, options);
  if (!outcome.allowed) throw rateLimitedError(name, outcome.retryAfterSeconds);
}

/** Subjects a statement-counted limit refused, until their window ends: a flood is answered without database work. */
const refused = new LRUCache<string, number>({ max: 10_000 });

export function throwIfRefused(name: RateLimitName, subject: string, now = new Date()): void {
  const until = refused.get(`${name} ${subject}`);
  if (until !== undefined && until > now.getTime()) throw rateLimitedError(name, Math.ceil((until - now.getTime()) / 1000));
}

export function refusedByStatement(name: RateLimitName, subject: string, retryAfterSeconds: number, now = new Date()): ApiError {
  refused.set(`${name} ${subject}`, now.getTime() + retryAfterSeconds * 1000);
  return rateLimitedError(name, retryAfterSeconds);
}
