import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as apiSearch } from "@/app/api/papers/search/route";
import { GET as pageSearch } from "@/app/api/search/route";
import { GET as suggest } from "@/app/api/search/suggest/route";
import { GET as feedRoute } from "@/app/feeds/[feed]/route";
import { GET as privateFeedRoute } from "@/app/feeds/me/[token]/route";
import { GET as previewRoute } from "@/app/settings/email/preview/route";
import { createFollow } from "@/db/queries/follows";
import { proxy } from "@/proxy";
import { forgetCountedSearches } from "@/server/search/limit";
import { myFeedUrls } from "@/server/feeds/token";
import { loadFollowingPage } from "@/server/topics";
import { createSignedInUser } from "../helpers/auth";
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

const CLIENT = "203.0.113.7";
const get = (handler: (r: NextRequest) => Promise<Response>, path: string, client = CLIENT) =>
  handler(new NextRequest(`http://localhost${path}`, { headers: { "x-forwarded-for": client } }));
const searchFeed = (request: NextRequest) => feedRoute(request, { params: Promise.resolve({ feed: "search.xml" }) });
const privateFeed = (token: string) => (request: NextRequest) =>
  privateFeedRoute(request, { params: Promise.resolve({ token: `${token}.xml` }) });
/** Whether the proxy let a request through to the page (`NextResponse.next()`). */
const isPassedOn = (response: Response) => response.headers.get("x-middleware-next") === "1";

describe("one search budget per client, on every surface", () => {
  beforeEach(async () => {
    await (await getDb()).execute(sql`delete from rate_limits`);
    rateLeases.reset();
    forgetCountedSearches();
    env.SEARCH_RATE_LIMIT = 3;
    env.SUGGEST_RATE_LIMIT = 6;
    // The budget counts in whole minutes: a test that crossed into the next one would start afresh.
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-12-07T10:00:05Z"));
  });
  afterEach(() => void vi.useRealTimers());

  it("refuses past the budget with 429 and Retry-After on the APIs, the search page and the search feed, and other clients go on", async () => {
    expect((await get(apiSearch, "/api/papers/search?q=attention")).status).toBe(200);
    expect((await get(pageSearch, "/api/search?q=attention+need")).status).toBe(200);
    expect((await get(searchFeed, "/feeds/search.xml?q=need")).status).toBe(200);
    const refused = await get(pageSearch, "/api/search?q=all");
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(Number(refused.headers.get("retry-after"))).toBeLessThanOrEqual(60);
    expect(await refused.json()).toMatchObject({
      error: { code: "rate_limited:search", message: expect.stringContaining("at most 3 searches") },
    });
    expect((await get(apiSearch, "/api/papers/search?q=all")).status).toBe(429);
    const feed = await get(searchFeed, "/feeds/search.xml?q=all");
    expect(feed.status).toBe(429);
    expect(feed.headers.get("retry-after")).toBeTruthy();
    expect(await feed.text()).toContain("Too many searches");
    const page = await proxy(new NextRequest("http://localhost/papers?q=all", { headers: { "x-forwarded-for": CLIENT } }));
    expect(page.status).toBe(429);
    expect(page.headers.get("retry-after")).toBeTruthy();
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(await page.text()).toContain("Too many searches");
    expect((await get(apiSearch, "/api/papers/search?q=all", "198.51.100.2")).status).toBe(200);
    expect(
      isPassedOn(await proxy(new NextRequest("http://localhost/papers?q=all", { headers: { "x-forwarded-for": "198.51.100.2" } }))),
    ).toBe(true);
  });

  it("counts a query once whatever surface asks it, while its answer may be cached", async () => {
    for (let i = 0; i < 4; i++) {
      expect(
        isPassedOn(await proxy(new NextRequest("http://localhost/papers?q=attention&_rsc=x1", { headers: { "x-forwarded-for": CLIENT } }))),
      ).toBe(true);
      expect((await get(pageSearch, "/api/search?q=attention")).status).toBe(200);
      expect((await get(apiSearch, "/api/papers/search?q=attention&limit=20")).status).toBe(200);
    }
    // The latest day is no search: it is never counted.
    for (let i = 0; i < 5; i++)
      expect(isPassedOn(await proxy(new NextRequest("http://localhost/papers", { headers: { "x-forwarded-for": CLIENT } })))).toBe(true);
    // Nor is a query over the limits, which the page refuses in words without searching.
    for (let i = 0; i < 5; i++) {
      const long = new NextRequest(`http://localhost/papers?q=${String(i).repeat(300)}&category=cs.CL`, {
        headers: { "x-forwarded-for": CLIENT },
      });
      expect(isPassedOn(await proxy(long))).toBe(true);
    }
    expect((await get(apiSearch, "/api/papers/search?q=need")).status).toBe(200);
    expect((await get(apiSearch, "/api/papers/search?q=attention&p=1")).status).toBe(200);
    expect((await get(apiSearch, "/api/papers/search?q=you")).status).toBe(429);
  });

  it("counts a suggestion as a share of a search, from the same budget", async () => {
    // 3 searches or 6 suggestions a minute: a suggestion is half a search.
    for (let i = 0; i < 4; i++) expect((await get(suggest, `/api/search/suggest?q=${"attention".slice(0, i + 3)}`)).status).toBe(200);
    expect((await get(apiSearch, "/api/papers/search?q=attention")).status).toBe(200);
    const refused = await get(suggest, "/api/search/suggest?q=attention");
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({
      error: { code: "rate_limited:suggest", message: expect.stringContaining("or 6 suggestions") },
    });
    expect((await get(suggest, "/api/search/suggest?q=attention", "198.51.100.2")).status).toBe(200);
  });

  it("counts the search topics a following page and a private feed read, not the other kinds of topic", async () => {
    const me = await createSignedInUser();
    const db = await getDb();
    for (const value of ["attention", "need", "all"]) await createFollow(db, { userId: me.userId, kind: "query", value });
    for (const value of ["Ada Lovelace", "Alan Turing"]) await createFollow(db, { userId: me.userId, kind: "author", value });
    expect((await loadFollowingPage({ userId: me.userId, page: 0, client: CLIENT })).items).toHaveLength(1);
    // The three searches took the budget; the authors cost nothing, and a reload is a repeat.
    expect((await loadFollowingPage({ userId: me.userId, page: 0, client: CLIENT })).items).toHaveLength(1);
    expect((await get(apiSearch, "/api/papers/search?q=elsewhere")).status).toBe(429);

    const feedClient = "198.51.100.3";
    const token = new URL((await myFeedUrls(me.userId)).rss).pathname
      .split("/")
      .at(-1)!
      .replace(/\.xml$/, "");
    expect((await get(privateFeed(token), `/feeds/me/${token}.xml`, feedClient)).status).toBe(200);
    expect((await get(privateFeed(token), `/feeds/me/${token}.xml`, feedClient)).status).toBe(200);
    expect((await get(apiSearch, "/api/papers/search?q=elsewhere", feedClient)).status).toBe(429);

    await createFollow(db, { userId: me.userId, kind: "query", value: "you" });
    await expect(loadFollowingPage({ userId: me.userId, page: 0, client: "198.51.100.4" })).rejects.toMatchObject({ status: 429 });
    const preview = await previewRoute(
      new Request("http://localhost/settings/email/preview", { headers: { cookie: me.cookie, "x-forwarded-for": "198.51.100.5" } }),
    );
    expect(preview.status).toBe(429);
    expect(preview.headers.get("retry-after")).toBeTruthy();
    expect(await preview.text()).toContain("Too many searches");
  });
});

describe("leased limits: one shared count, no write per request", () => {
  beforeEach(async () => {
    await (await getDb()).execute(sql`delete from rate_limits`);
  });
  const counted = async (key: string) => {
    const [row] = rowsOf<{ count: number }>(
      await (await getDb()).execute(sql`select coalesce(sum(count), 0)::int as count from rate_limits where key = ${key}`),
    );
    return Number(row?.count ?? 0);
  };
  const allowedOf = (outcomes: { allowed: boolean }[]) => outcomes.filter((o) => o.allowed).length;

  it("allows exactly the limit to 300 requests at once, with a write per lease, not per request", async () => {
    const db = await getDb();
    const leases = new RateLeases();
    const outcomes = await Promise.all(
      Array.from({ length: 300 }, () => leases.consume(db, { key: "t:burst", limit: 200, windowSeconds: 60 })),
    );
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
    const outcomes = await Promise.all(
      Array.from({ length: 400 }, (_, i) => processes[i % 3]!.consume(db, { key: "t:shared", limit: 100, windowSeconds: 60 })),
    );
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
    expect([(await consume()).allowed, (await consume()).allowed, (await consume()).allowed, (await consume()).allowed]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    at += 60_000;
    expect((await consume()).allowed).toBe(true);
  });
});

describe("the costliest searches are refused with the limit named", () => {
  beforeEach(() => {
    env.SEARCH_RATE_LIMIT = 100_000;
    env.SUGGEST_RATE_LIMIT = 100_000;
  });
  const common = [
    "model",
    "learning",
    "data",
    "training",
    "language",
    "large",
    "neural",
    "network",
    "deep",
    "vision",
    "image",
    "video",
    "text",
  ];
  const refusal = async (handler: (r: NextRequest) => Promise<Response>, path: string) => {
    const res = await get(handler, path);
    expect(res.status).toBe(400);
    return ((await res.json()) as { error: { message: string } }).error.message;
  };

  // Short enough for the length limit, however many: each term is a word's first four letters, cycling through the list.
  const terms = (n: number) => Array.from({ length: n }, (_, i) => common[i % common.length]!.slice(0, 4));

  it("too many terms, words or exclusions", async () => {
    const many = encodeURIComponent(terms(MAX_TERMS + 1).join(" "));
    expect(await refusal(apiSearch, `/api/papers/search?q=${many}`)).toContain(`at most ${MAX_TERMS} terms`);
    expect(await refusal(suggest, `/api/search/suggest?q=${many}`)).toContain(`at most ${MAX_TERMS} terms`);
    const longPhrase = encodeURIComponent(`"${Array.from({ length: MAX_WORDS + 1 }, () => "ab").join(" ")}"`);
    expect(await refusal(pageSearch, `/api/search?q=${longPhrase}`)).toContain(`at most ${MAX_WORDS} words`);
    const exclusions = encodeURIComponent(
      `model ${common
        .slice(1, MAX_EXCLUDED + 2)
        .map((w) => `-${w}`)
        .join(" ")}`,
    );
    expect(await refusal(apiSearch, `/api/papers/search?q=${exclusions}`)).toContain(`at most ${MAX_EXCLUDED} excluded terms`);
    // At the limits, the search runs.
    const atLimit = encodeURIComponent(
      `${terms(MAX_TERMS - MAX_EXCLUDED).join(" ")} ${common
        .slice(-MAX_EXCLUDED)
        .map((w) => `-${w}`)
        .join(" ")}`,
    );
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
