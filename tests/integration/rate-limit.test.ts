import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { getDb, rowsOf } from "@/db";
import { voteInSession } from "@/db/queries/votes";
import { rateLimits } from "@/db/schema";
import { env } from "@/lib/env";
import { ApiError } from "@/lib/errors";
import { countRate, limitRate, RATE_LIMITS, type RateLimitName } from "@/server/rate-limit";
import { castVote } from "@/server/votes";
import { createSignedInUser } from "../helpers/auth";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const saved = { draw: env.SHARE_IMAGE_DRAW_LIMIT, search: env.SEARCH_RATE_LIMIT, suggest: env.SUGGEST_RATE_LIMIT };
afterAll(() => {
  env.SHARE_IMAGE_DRAW_LIMIT = saved.draw;
  env.SEARCH_RATE_LIMIT = saved.search;
  env.SUGGEST_RATE_LIMIT = saved.suggest;
});

beforeEach(async () => {
  await resetDatabase();
  env.SHARE_IMAGE_DRAW_LIMIT = 3;
});

/** Five seconds into a minute: a 60-second window has 55 seconds left. */
const AT = new Date("2026-12-01T10:00:05Z");
const later = (seconds: number) => new Date(AT.getTime() + seconds * 1000);

/** The ApiError `limitRate` threw, or null when it let the event through. */
async function refusal(name: RateLimitName, subject: string, options: { cost?: number; now?: Date } = {}): Promise<ApiError | null> {
  try {
    await limitRate(name, subject, { now: AT, ...options });
    return null;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
}

async function refusals(name: RateLimitName, subject: string, times: number, options: { cost?: number; now?: Date } = {}) {
  const outcomes: (ApiError | null)[] = [];
  for (let i = 0; i < times; i++) outcomes.push(await refusal(name, subject, options));
  return outcomes;
}

const counted = async (key: string) =>
  rowsOf<{ count: number }>(
    await (await getDb()).execute(sql`select coalesce(sum(count), 0)::int as count from rate_limits where key = ${key}`),
  )[0]!.count;

describe.each([
  { name: "followChange" as const, mechanism: "exact", limit: (): number => RATE_LIMITS.followChange.limit, code: "rate_limited:follow" },
  {
    name: "shareImageDraw" as const,
    mechanism: "lease",
    limit: (): number => env.SHARE_IMAGE_DRAW_LIMIT,
    code: "rate_limited:share-image",
  },
])("$name ($mechanism)", ({ name, limit, code }) => {
  it("lets exactly the limit through, then answers 429 with the surface, the message and Retry-After to the end of the window", async () => {
    const outcomes = await refusals(name, "alice", limit() + 2);
    expect(outcomes.slice(0, limit())).toEqual(Array(limit()).fill(null));
    for (const error of outcomes.slice(limit())) {
      expect(error?.status).toBe(429);
      expect(error?.code).toBe(code);
      expect(error?.message).toBe(RATE_LIMITS[name].message);
      expect(error?.headers["Retry-After"]).toBe("55");
    }
    expect(await countRate(name, "alice", { now: later(30) })).toEqual({ allowed: false, retryAfterSeconds: 25 });
  });

  it("counts each subject apart, under the table's key prefix", async () => {
    await refusals(name, "alice", limit() + 1);
    expect(await refusal(name, "bob")).toBeNull();
    expect(await counted(`${RATE_LIMITS[name].prefix}bob`)).toBeGreaterThanOrEqual(1);
    expect(await counted(`${RATE_LIMITS[name].prefix}alice`)).toBeGreaterThanOrEqual(limit());
  });

  it("starts afresh in the next window", async () => {
    await refusals(name, "alice", limit() + 1);
    expect(await refusal(name, "alice", { now: later(54) })).not.toBeNull();
    expect(await refusals(name, "alice", limit(), { now: later(55) })).toEqual(Array(limit()).fill(null));
    expect((await refusal(name, "alice", { now: later(56) }))?.headers["Retry-After"]).toBe("59");
  });

  it("charges an event's cost", async () => {
    expect(await refusal(name, "alice", { cost: limit() - 1 })).toBeNull();
    expect(await refusal(name, "alice", { cost: 2 })).not.toBeNull();
    expect(await refusal(name, "bob", { cost: limit() })).toBeNull();
    expect(await refusal(name, "bob")).not.toBeNull();
  });
});

describe("the search budget (lease)", () => {
  it("is one budget for searches and suggestions, a suggestion costing its share of a search", async () => {
    env.SEARCH_RATE_LIMIT = 2;
    env.SUGGEST_RATE_LIMIT = 4;
    // Two searches' worth: one search and two suggestions.
    expect(await refusal("search", "203.0.113.9")).toBeNull();
    expect(await refusals("suggest", "203.0.113.9", 2)).toEqual([null, null]);
    const error = await refusal("suggest", "203.0.113.9");
    expect(error?.code).toBe("rate_limited:suggest");
    expect(error?.message).toContain("at most 2 searches or 4 suggestions");
    expect((await refusal("search", "203.0.113.9"))?.code).toBe("rate_limited:search");
  });
});

describe("the vote (counted in its own statement)", () => {
  it("is counted by vote_in_session under the table's prefix and limit, and a refused session is answered without the store", async () => {
    const { userId, cookie } = await createSignedInUser();
    const token = cookie.split("=")[1]!;
    await insertPapers([makePaper({ id: "2612.00001" })]);
    const now = new Date();
    const { prefix, limit, windowSeconds } = RATE_LIMITS.vote;
    expect(await castVote({ token, paperId: "2612.00001", upvoted: true, now })).toMatchObject({ upvoted: true });
    const key = `${prefix}${userId}`;
    expect(await counted(key)).toBe(1);
    // The rest of the window's votes, spent at once.
    const windowStart = new Date(Math.floor(now.getTime() / (windowSeconds * 1000)) * windowSeconds * 1000);
    await (
      await getDb()
    )
      .update(rateLimits)
      .set({ count: limit })
      .where(and(eq(rateLimits.key, key), eq(rateLimits.windowStart, windowStart)));
    const refused = await castVote({ token, paperId: "2612.00001", upvoted: false, now }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).code).toBe("rate_limited:upvote");
    expect((refused as ApiError).message).toBe(RATE_LIMITS.vote.message);
    expect(Number((refused as ApiError).headers["Retry-After"])).toBeGreaterThan(0);
    expect(await counted(key)).toBe(limit + 1);
    await expect(castVote({ token, paperId: "2612.00001", upvoted: false, now })).rejects.toMatchObject({ code: "rate_limited:upvote" });
    expect(await counted(key)).toBe(limit + 1);
  });

  it("takes its key's prefix from the caller: the SQL names no limit of its own", async () => {
    const { userId, cookie } = await createSignedInUser();
    await insertPapers([makePaper({ id: "2612.00002" })]);
    const vote = await voteInSession(await getDb(), {
      token: cookie.split("=")[1]!,
      paperId: "2612.00002",
      upvoted: true,
      keyPrefix: "elsewhere:",
      limit: 5,
      windowSeconds: 60,
    });
    expect(vote.outcome).toBe("cast");
    expect(await counted(`elsewhere:${userId}`)).toBe(1);
    expect(await counted(`${RATE_LIMITS.vote.prefix}${userId}`)).toBe(0);
  });
});
