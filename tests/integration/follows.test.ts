import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE as deleteRoute } from "@/app/api/follows/[id]/route";
import { GET as listRoute, POST as followRoute } from "@/app/api/follows/route";
import { getDb } from "@/db";
import { follows } from "@/db/schema";
import { MAX_FOLLOWS } from "@/lib/follows";
import { findTopic, loadFollowingPage, loadTopicPage, TOPIC_PAGE_SIZE } from "@/server/topics";
import { createSignedInUser } from "../helpers/auth";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const ORIGIN = "http://localhost:3000";
const db = await getDb();

const headers = (cookie?: string, extra: Record<string, string> = {}) => ({
  host: "localhost:3000",
  origin: ORIGIN,
  ...(cookie ? { cookie } : {}),
  ...extra,
});
const post = (body: unknown, cookie?: string, extra?: Record<string, string>) =>
  followRoute(
    new Request(`${ORIGIN}/api/follows`, {
      method: "POST",
      headers: headers(cookie, extra),
      body: typeof body === "string" ? body : JSON.stringify(body),
    }),
  );
const list = (cookie?: string) => listRoute(new Request(`${ORIGIN}/api/follows`, { headers: headers(cookie) }));
const remove = (id: string, cookie?: string) =>
  deleteRoute(new Request(`${ORIGIN}/api/follows/${id}`, { method: "DELETE", headers: headers(cookie) }), {
    params: Promise.resolve({ id }),
  });

beforeEach(async () => {
  await resetDatabase();
  await insertPapers(
    [
      makePaper({
        id: "2603.00001",
        title: "KV cache compression",
        listedOn: "2026-03-24",
        sourceUpvotes: 5,
        categories: ["cs.CL"],
        organizationName: "acme",
      }),
      makePaper({
        id: "2603.00002",
        title: "Quantization for all",
        listedOn: "2026-03-24",
        sourceUpvotes: 9,
        categories: ["cs.LG"],
        authors: ["Grace Hopper"],
      }),
      makePaper({
        id: "2603.00003",
        title: "Old quantization",
        listedOn: "2026-03-20",
        sourceUpvotes: 50,
        categories: ["cs.LG"],
        authors: ["Grace Hopper"],
      }),
      makePaper({ id: "2603.00004", title: "Unrelated", listedOn: "2026-03-25", sourceUpvotes: 1, categories: ["cs.CV"] }),
    ],
    [{ name: "acme", fullname: "Acme Research" }],
  );
});

describe("the follows API", () => {
  it("follows (201), answers an existing follow with 200, lists and removes only my own", async () => {
    const me = await createSignedInUser();
    const other = await createSignedInUser();
    const created = await post({ kind: "query", value: '  "KV cache"   OR quantization ' }, me.cookie);
    expect(created.status).toBe(201);
    const follow = await created.json();
    expect(follow).toEqual({ id: expect.any(String), kind: "query", value: '"KV cache" OR quantization', createdAt: expect.any(String) });
    const again = await post({ kind: "query", value: '"KV cache" OR quantization' }, me.cookie);
    expect(again.status).toBe(200);
    expect((await again.json()).id).toBe(follow.id);
    expect((await post({ kind: "author", value: "Grace Hopper" }, other.cookie)).status).toBe(201);

    const mine = await (await list(me.cookie)).json();
    expect(mine).toEqual([follow]);
    expect(await remove(follow.id, other.cookie).then((r) => r.status)).toBe(404);
    expect(await remove(follow.id, me.cookie).then((r) => r.status)).toBe(204);
    expect(await remove(follow.id, me.cookie).then((r) => r.status)).toBe(404);
    expect(await (await list(me.cookie)).json()).toEqual([]);
    expect(await (await list(other.cookie)).json()).toHaveLength(1);
  });

  it("checks every follow: kind, value, query syntax and length, known organizations and categories", async () => {
    const { cookie } = await createSignedInUser();
    const cases: [unknown, number][] = [
      [{ kind: "planet", value: "Mars" }, 400],
      [{ kind: "query" }, 400],
      [{ kind: "query", value: "   " }, 400],
      [{ kind: "query", value: "-- ** ()" }, 400],
      [{ kind: "query", value: "a".repeat(251) }, 400],
      [{ kind: "category", value: "not a category" }, 400],
      [{ kind: "organization", value: "../etc" }, 400],
      [{ kind: "organization", value: "nobody" }, 404],
      [{ kind: "category", value: "astro-ph.GA" }, 404],
      ["not json", 400],
      [[1, 2], 400],
      [{ kind: "organization", value: "acme" }, 201],
      [{ kind: "category", value: "cs.CL" }, 201],
      [{ kind: "author", value: "Someone Without Papers" }, 201],
      [{ kind: "query", value: "a".repeat(250) }, 201],
    ];
    for (const [body, status] of cases) {
      const res = await post(body, cookie);
      expect({ body, status: res.status }).toEqual({ body, status });
      if (status >= 400) expect((await res.json()).error.message).toBeTruthy();
    }
  });

  it("needs a session, refuses other sites, and allows at most MAX_FOLLOWS", async () => {
    expect((await post({ kind: "author", value: "Ada" })).status).toBe(401);
    expect((await list()).status).toBe(401);
    expect((await remove("00000000-0000-0000-0000-000000000000")).status).toBe(401);
    const { cookie, userId } = await createSignedInUser();
    expect((await post({ kind: "author", value: "Ada" }, cookie, { origin: "https://evil.example" })).status).toBe(403);
    await db
      .insert(follows)
      .values(Array.from({ length: MAX_FOLLOWS }, (_, i) => ({ userId, kind: "author" as const, value: `Author ${i}` })));
    const over = await post({ kind: "author", value: "One too many" }, cookie);
    expect(over.status).toBe(409);
    expect((await over.json()).error.message).toContain(String(MAX_FOLLOWS));
    // Following one I follow already is still fine.
    expect((await post({ kind: "author", value: "Author 3" }, cookie)).status).toBe(200);
    expect((await remove("not-an-id", cookie)).status).toBe(404);
  });
});

describe("topic listings and the following feed", () => {
  it("lists a topic's papers newest listing day first, paged", async () => {
    const topic = (await findTopic(db, { kind: "author", value: "Grace Hopper" }))!;
    const page = await loadTopicPage(topic, 0);
    expect(page.papers.map((p) => p.id)).toEqual(["2603.00002", "2603.00003"]);
    expect(page.total).toEqual({ count: 2, exact: true });
    expect(page.hasMore).toBe(false);
    expect(await findTopic(db, { kind: "organization", value: "nobody" })).toBeNull();
    expect(await findTopic(db, { kind: "category", value: "math.AG" })).toBeNull();
    expect((await findTopic(db, { kind: "organization", value: "acme" }))?.organization?.fullname).toBe("Acme Research");

    await insertPapers(
      Array.from({ length: TOPIC_PAGE_SIZE + 2 }, (_, i) => makePaper({ listedOn: "2026-02-01", categories: ["cs.RO"], sourceUpvotes: i })),
    );
    const robots = (await findTopic(db, { kind: "category", value: "cs.RO" }))!;
    const first = await loadTopicPage(robots, 0);
    const second = await loadTopicPage(robots, 1);
    expect(first.papers).toHaveLength(TOPIC_PAGE_SIZE);
    expect(first.hasMore).toBe(true);
    expect(second.papers).toHaveLength(2);
    expect(second.hasMore).toBe(false);
    expect(new Set([...first.papers, ...second.papers].map((p) => p.id)).size).toBe(TOPIC_PAGE_SIZE + 2);
  });

  it("merges my topics newest listing day first, each paper saying which topics matched", async () => {
    const { userId } = await createSignedInUser();
    const empty = await loadFollowingPage({ userId, client: "203.0.113.9", page: 0 });
    expect(empty).toMatchObject({ follows: [], items: [], hasMore: false });

    await db.insert(follows).values([
      { userId, kind: "query", value: "quantization", createdAt: new Date("2026-03-01") },
      { userId, kind: "author", value: "Grace Hopper", createdAt: new Date("2026-03-02") },
      { userId, kind: "organization", value: "acme", createdAt: new Date("2026-03-03") },
    ]);
    const feed = await loadFollowingPage({ userId, client: "203.0.113.9", page: 0 });
    expect(feed.items.map((i) => [i.paper.id, i.topics.map((t) => t.kind).sort()])).toEqual([
      ["2603.00002", ["author", "query"]],
      ["2603.00001", ["organization"]],
      ["2603.00003", ["author", "query"]],
    ]);
    expect(feed.hasMore).toBe(false);
    await db.execute(sql`delete from follows`);
    expect((await loadFollowingPage({ userId, client: "203.0.113.9", page: 0 })).items).toEqual([]);
  });
});
