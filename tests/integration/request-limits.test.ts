import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { GET as apiSearch } from "@/app/api/papers/search/route";
import { GET as pageSearch } from "@/app/api/search/route";
import { GET as suggest } from "@/app/api/search/suggest/route";
import { engine, getBackgroundDb, getDb, rowsOf } from "@/db";
import { env } from "@/lib/env";
import { handleErrors } from "@/lib/errors";
import { MAX_EXCLUDED, MAX_TERMS, MAX_WORDS } from "@/lib/search/syntax";
import { RateLeases, rateLeases } from "@/server/rate-lease";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const saved = { search: env.SEARCH_RATE_LIMIT, suggest: env.SUGGEST_RATE_LIMIT };
afterAll(() => {
  env.SEARCH_RATE_LIMIT = saved.search;
  env.SUGGEST_RATE_LIMIT = saved.suggest;
});

beforeAll(async () => {
  await resetDatabase();
  await insertPapers([makePaper({ id: "2605.00001", title: "Attention is all you need" })]);
});

const get = (handler: (r: NextRequest) => Promise<Response>, path: string, client = "203.0.113.7") =>
  handler(new NextRequest(`http://localhost${path}`, { headers: { "x-forwarded-for": client } }));

describe("search rate limits, per client", () => {
  beforeEach(async () => {
    await (await getDb()).execute(sql`delete from rate_limits`);
    rateLeases.reset();
    env.SEARCH_RATE_LIMIT = 3;
    env.SUGGEST_RATE_LIMIT = 5;
  });

  it("answers 429 with Retry-After past the limit, on both search routes, and other clients go on", async () => {
    for (let i = 0; i < 2; i++) expect((await get(apiSearch, "/api/papers/search?q=attention")).status).toBe(200);
    expect((await get(pageSearch, "/api/search?q=attention")).status).toBe(200);
    const refused = await get(pageSearch, "/api/search?q=attention");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited:search", message: expect.stringContaining("at most 3 a minute") } });
    expect((await get(apiSearch, "/api/papers/search?q=attention")).status).toBe(429);
    expect((await get(apiSearch, "/api/papers/search?q=attention", "198.51.100.2")).status).toBe(200);
  });

  it("gives suggestions a limit of their own", async () => {
    for (let i = 0; i < 5; i++) expect((await get(suggest, `/api/search/suggest?q=${"attention".slice(0, i + 3)}`)).status).toBe(200);
    const refused = await get(suggest, "/api/search/suggest?q=attention");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await get(apiSearch, "/api/papers/search?q=attention")).status).toBe(200);
    expect((await get(suggest, "/api/search/suggest?q=attention", "198.51.100.2")).status).toBe(200);
  });
});

describe("leased limits: one shared count, no write per request", () => {
  beforeEach(async () => {
    await (await getDb()).execute(sql`delete from rate_limits`);
  });
  const counted = async (key: string) => {
    const [row] = rowsOf<{ count: number }>(await (await getDb()).execute(sql`select coalesce(sum(count), 0)::int as count from rate_limits where key = ${key}`));
    return Number(row?.count ?? 0);
  };
  const allowedOf = (outcomes: { allowed: boolean }[]) => outcomes.filter((o) => o.allowed).length;

  it("allows exactly the limit to 300 requests at once, with a write per lease, not per request", async () => {
    const db = await getDb();
    const leases = new RateLeases();
    const outcomes = await Promise.all(Array.from({ length: 300 }, () => leases.consume(db, { key: "t:burst", limit: 200, windowSeconds: 60 })));
    expect(allowedOf(outcomes)).toBe(200);
    expect(outcomes.filter((o) => !o.allowed).every((o) => o.retryAfterSeconds > 0 && o.retryAfterSeconds <= 60)).toBe(true);
    // The burst took one lease sized for all 300 waiting; refusals are then remembered, unwritten.
    const afterBurst = await counted("t:burst");
    expect(afterBurst).toBe(300);
    for (let i = 0; i < 50; i++) expect((await leases.consume(db, { key: "t:burst", limit: 200, windowSeconds: 60 })).allowed).toBe(false);
    expect(await counted("t:burst")).toBe(afterBurst);
    // One at a time: a lease of 10 units (a twentieth of 200) serves ten requests with one write.
    for (let i = 0; i < 10; i++) expect((await leases.consume(db, { key: "t:steady", limit: 200, windowSeconds: 60 })).allowed).toBe(true);
    expect(await counted("t:steady")).toBe(10);
    expect((await leases.consume(db, { key: "t:steady", limit: 200, windowSeconds: 60 })).allowed).toBe(true);
    expect(await counted("t:steady")).toBe(20);
  });

  it("never grants more than the limit across processes sharing the store", async () => {
    const db = await getDb();
    const processes = [new RateLeases(), new RateLeases(), new RateLeases()];
    const outcomes = await Promise.all(Array.from({ length: 400 }, (_, i) => processes[i % 3]!.consume(db, { key: "t:shared", limit: 100, windowSeconds: 60 })));
    const allowed = allowedOf(outcomes);
    // Unspent units of the other processes' last leases (5 each) are the most lost.
    expect(allowed).toBeLessThanOrEqual(100);
    expect(allowed).toBeGreaterThanOrEqual(100 - 2 * 5);
  });

  it("starts afresh in the next window", async () => {
    const db = await getDb();
    const leases = new RateLeases();
    let at = Date.parse("2026-12-01T10:00:05Z");
    const consume = () => leases.consume(db, { key: "t:window", limit: 3, windowSeconds: 60, now: () => new Date(at) });
    expect([(await consume()).allowed, (await consume()).allowed, (await consume()).allowed, (await consume()).allowed]).toEqual([true, true, true, false]);
    at += 60_000;
    expect((await consume()).allowed).toBe(true);
  });
});

describe("the costliest searches are refused with the limit named", () => {
  beforeEach(() => {
    env.SEARCH_RATE_LIMIT = 100_000;
    env.SUGGEST_RATE_LIMIT = 100_000;
  });
  const common = ["model", "learning", "data", "training", "language", "large", "neural", "network", "deep", "vision", "image", "video", "text"];
  const refusal = async (handler: (r: NextRequest) => Promise<Response>, path: string) => {
    const res = await get(handler, path);
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { message: string } }).error.message;
  };

  it("too many terms, words or exclusions", async () => {
    const many = encodeURIComponent(common.slice(0, MAX_TERMS + 1).join(" "));
    expect(await refusal(apiSearch, `/api/papers/search?q=${many}`)).toContain(`at most ${MAX_TERMS} terms`);
    expect(await refusal(suggest, `/api/search/suggest?q=${many}`)).toContain(`at most ${MAX_TERMS} terms`);
    const longPhrase = encodeURIComponent(`"${[...common, ...common].join(" ")}"`);
    expect(await refusal(pageSearch, `/api/search?q=${longPhrase}`)).toContain(`at most ${MAX_WORDS} words`);
    const exclusions = encodeURIComponent(`model ${common.slice(1, MAX_EXCLUDED + 2).map((w) => `-${w}`).join(" ")}`);
    expect(await refusal(apiSearch, `/api/papers/search?q=${exclusions}`)).toContain(`at most ${MAX_EXCLUDED} excluded terms`);
    // At the limits, the search runs.
    const atLimit = encodeURIComponent(`${common.slice(0, MAX_TERMS - MAX_EXCLUDED).join(" ")} ${common.slice(-MAX_EXCLUDED).map((w) => `-${w}`).join(" ")}`);
    expect((await get(apiSearch, `/api/papers/search?q=${atLimit}`)).status).toBe(200);
  });

  it("pages deeper than the first results any page may reach", async () => {
    const message = await refusal(apiSearch, "/api/papers/search?q=model&limit=120&p=20");
    expect(message).toContain("p: pages reach at most the first 2400 results");
    expect(message).toContain("p is at most 19");
    expect((await get(apiSearch, "/api/papers/search?q=model&limit=120&p=19")).status).toBe(200);
    expect((await get(apiSearch, "/api/papers/search?q=model&limit=20&p=119")).status).toBe(200);
    expect((await get(apiSearch, "/api/papers/search?q=model&limit=20&p=120")).status).toBe(400);
  });
});

describe("statement timeout", () => {
  const slow = handleErrors(async () => {
    const db = await getDb();
    await db.transaction(async (tx) => {
      // The app's own bound is seconds; a tighter one here makes the test quick, through the same path.
      await tx.execute(sql`set local statement_timeout = 50`);
      await tx.execute(sql`select pg_sleep(2)`);
    });
    return Response.json({ slept: true });
  });

  it("bounds every statement of the request pool, not background work, and a statement past it answers 503", async () => {
    const setting = async (db: Awaited<ReturnType<typeof getDb>>) =>
      rowsOf<{ statement_timeout: string }>(await db.execute(sql`show statement_timeout`))[0]!.statement_timeout;
    if (engine === "postgres") {
      expect(await setting(await getDb())).toBe(`${env.STATEMENT_TIMEOUT_MS / 1000}s`);
      expect(await setting(await getBackgroundDb())).toBe("0");
      const res = await slow();
      expect(res.status).toBe(503);
      expect(res.headers.get("retry-after")).toBe("5");
      expect(await res.json()).toEqual({ error: { code: "unavailable:database", message: expect.stringContaining("took too long") } });
    } else {
      // PGlite accepts the setting and never cancels: it has no timer in its single thread (docs/votes.md).
      expect((await slow()).status).toBe(200);
    }
  });
});
