import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as dailyPapers } from "@/app/api/daily_papers/route";
import { GET as myVotes } from "@/app/api/me/votes/route";
import { DELETE, POST } from "@/app/api/papers/[id]/upvote/route";
import { getDb, rowsOf } from "@/db";
import { getUpvotedPapers, getTrendingPaperIds } from "@/db/queries/upvotes";
import { createSignedInUser } from "../helpers/auth";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const ORIGIN = "http://localhost:3000";
const db = await getDb();

function vote(method: "POST" | "DELETE", id: string, headers: Record<string, string> = {}) {
  const request = new Request(`${ORIGIN}/api/papers/${id}/upvote`, { method, headers: { host: "localhost:3000", ...headers } });
  return (method === "POST" ? POST : DELETE)(request, { params: Promise.resolve({ id }) });
}

async function countRows(paperId: string) {
  const [row] = rowsOf<{ votes: number; vote_count: number; upvotes: number }>(
    await db.execute(sql`select (select count(*)::int from upvotes where paper_id = ${paperId}) as votes, vote_count, upvotes from papers where id = ${paperId}`),
  );
  return row!;
}

beforeEach(async () => {
  await resetDatabase();
  await insertPapers([
    makePaper({ id: "2604.00001", sourceUpvotes: 10, listedOn: "2026-04-01" }),
    makePaper({ id: "2604.00002", sourceUpvotes: 0, listedOn: "2026-04-01" }),
  ]);
});

describe("POST/DELETE /api/papers/{id}/upvote", () => {
  it("adds and removes my vote idempotently, answering the count and my state", async () => {
    const { cookie } = await createSignedInUser();
    const answers = [];
    for (const method of ["POST", "POST", "DELETE", "DELETE"] as const) {
      const res = await vote(method, "2604.00001", { cookie, origin: ORIGIN });
      expect(res.status).toBe(200);
      answers.push(await res.json());
    }
    expect(answers).toEqual([
      { upvotes: 11, upvoted: true },
      { upvotes: 11, upvoted: true },
      { upvotes: 10, upvoted: false },
      { upvotes: 10, upvoted: false },
    ]);
  });

  it("answers 401 signed out, also with a made-up or expired session", async () => {
    expect((await vote("POST", "2604.00001")).status).toBe(401);
    expect((await vote("POST", "2604.00001", { cookie: "authjs.session-token=forged" })).status).toBe(401);
    const { cookie, userId } = await createSignedInUser();
    await db.execute(sql`update sessions set expires = now() - interval '1 minute' where user_id = ${userId}`);
    const res = await vote("POST", "2604.00001", { cookie });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized:upvote" } });
  });

  it("answers 404 for an unknown or malformed paper id", async () => {
    const { cookie } = await createSignedInUser();
    expect((await vote("POST", "2699.99999", { cookie })).status).toBe(404);
    expect((await vote("DELETE", "not a paper", { cookie })).status).toBe(404);
  });

  it("answers 403 to a cross-site request and changes nothing", async () => {
    const { cookie } = await createSignedInUser();
    expect((await vote("POST", "2604.00001", { cookie, origin: "https://evil.example" })).status).toBe(403);
    expect((await vote("POST", "2604.00001", { cookie, "sec-fetch-site": "cross-site" })).status).toBe(403);
    expect((await vote("POST", "2604.00001", { cookie, origin: "null" })).status).toBe(403);
    expect(await countRows("2604.00001")).toEqual({ votes: 0, vote_count: 0, upvotes: 10 });
  });

  it("answers 429 with Retry-After past 120 votes a minute", async () => {
    const { cookie } = await createSignedInUser();
    for (let i = 0; i < 120; i++) expect((await vote(i % 2 ? "DELETE" : "POST", "2604.00002", { cookie })).status).toBe(200);
    const res = await vote("POST", "2604.00002", { cookie });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("counts exactly 50 votes when 50 users vote at once", async () => {
    const voters = await Promise.all(Array.from({ length: 50 }, () => createSignedInUser()));
    const results = await Promise.all(voters.map(({ cookie }) => vote("POST", "2604.00001", { cookie })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    expect(await countRows("2604.00001")).toEqual({ votes: 50, vote_count: 50, upvotes: 60 });
  });

  it("stays consistent when one user fires 100 mixed votes at once", async () => {
    const { cookie, userId } = await createSignedInUser();
    const methods = Array.from({ length: 100 }, (_, i) => ((i * 7) % 3 === 0 ? "DELETE" : "POST") as "POST" | "DELETE");
    const results = await Promise.all(methods.map((m) => vote(m, "2604.00001", { cookie })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    const rows = await countRows("2604.00001");
    expect(rows.votes).toBeLessThanOrEqual(1);
    expect(rows.vote_count).toBe(rows.votes);
    expect(rows.upvotes).toBe(10 + rows.votes);
    const mine = await getUpvotedPapers(db, { userId });
    expect(mine.length).toBe(rows.votes);
  });
});

describe("GET /api/me/votes", () => {
  const get = (ids: string, cookie?: string) =>
    myVotes(new NextRequest(`${ORIGIN}/api/me/votes?ids=${ids}`, { headers: cookie ? { cookie } : {} }));

  it("gives live counts signed out, and my votes signed in", async () => {
    const { cookie } = await createSignedInUser();
    await vote("POST", "2604.00002", { cookie });
    expect(await (await get("2604.00001,2604.00002")).json()).toEqual({
      signedIn: false,
      papers: { "2604.00001": { upvotes: 10, upvoted: false }, "2604.00002": { upvotes: 1, upvoted: false } },
    });
    const res = await get("2604.00001,2604.00002", cookie);
    expect(res.headers.get("cache-control")).toContain("private");
    expect(await res.json()).toEqual({
      signedIn: true,
      papers: { "2604.00001": { upvotes: 10, upvoted: false }, "2604.00002": { upvotes: 1, upvoted: true } },
    });
  });

  it("rejects malformed ids with a 400", async () => {
    expect((await get("x'%3Bdrop")).status).toBe(400);
    expect((await get(Array.from({ length: 201 }, (_, i) => `2604.${String(10000 + i)}`).join(","))).status).toBe(400);
  });
});

describe("my upvotes and trending", () => {
  it("lists the papers I upvoted, newest vote first", async () => {
    const { cookie, userId } = await createSignedInUser();
    await vote("POST", "2604.00002", { cookie });
    await vote("POST", "2604.00001", { cookie });
    await db.execute(sql`update upvotes set created_at = now() - interval '1 hour' where paper_id = '2604.00002'`);
    expect((await getUpvotedPapers(db, { userId })).map((p) => p.id)).toEqual(["2604.00001", "2604.00002"]);
  });

  it("ranks a paper upvoted today above one upvoted last month, via the API too", async () => {
    await insertPapers([
      makePaper({ id: "2604.00003", sourceUpvotes: 0, listedOn: "2026-04-01" }),
      makePaper({ id: "2604.00004", sourceUpvotes: 0, listedOn: "2026-04-01" }),
    ]);
    const voters = await Promise.all(Array.from({ length: 5 }, () => createSignedInUser()));
    for (const { cookie } of voters) await vote("POST", "2604.00003", { cookie });
    await vote("POST", "2604.00004", { cookie: voters[0]!.cookie });
    await vote("POST", "2604.00004", { cookie: voters[1]!.cookie });
    // Five votes from 25 days ago lose to two from today.
    await db.execute(sql`update upvotes set created_at = now() - interval '25 days' where paper_id = '2604.00003'`);
    const ids = await getTrendingPaperIds(db, { limit: 10 });
    expect(ids.indexOf("2604.00004")).toBeLessThan(ids.indexOf("2604.00003"));
    expect(ids[0]).toBe("2604.00004");

    const res = await dailyPapers(new NextRequest(`${ORIGIN}/api/daily_papers?sort=trending&limit=10`));
    const apiIds = ((await res.json()) as { paper: { id: string } }[]).map((i) => i.paper.id);
    expect(apiIds).toEqual(ids);
  });
});
