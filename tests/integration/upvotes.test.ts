import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as dailyPapers } from "@/app/api/daily_papers/route";
import { GET as myVotes } from "@/app/api/me/votes/route";
import { GET as paperApi } from "@/app/api/papers/[id]/route";
import { DELETE, POST } from "@/app/api/papers/[id]/upvote/route";
import { engine, getBackgroundDb, getDb, rowsOf } from "@/db";
import { getTrendingPaperIds } from "@/db/queries/trending";
import { foldVoteCounts } from "@/db/queries/vote-fold";
import { getUpvotedPapers } from "@/db/queries/votes";
import { listJobRuns } from "@/db/queries/job-runs";
import { JobBusyError, runJob } from "@/server/jobs/job";
import { voteFoldEntry } from "@/server/jobs/registry";
import { runScheduled } from "@/server/jobs/scheduler";
import { voteFoldJob } from "@/server/vote-fold";
import { createSignedInUser } from "../helpers/auth";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const ORIGIN = "http://localhost:3000";
const db = await getDb();

function vote(method: "POST" | "DELETE", id: string, headers: Record<string, string> = {}) {
  const request = new Request(`${ORIGIN}/api/papers/${id}/upvote`, { method, headers: { host: "localhost:3000", ...headers } });
  return (method === "POST" ? POST : DELETE)(request, { params: Promise.resolve({ id }) });
}

/** The vote rows of a paper, and its counters: papers.vote_count and upvotes only move at a fold. */
async function countRows(paperId: string) {
  const [row] = rowsOf<{ votes: number; vote_count: number; upvotes: number }>(
    await db.execute(
      sql`select (select count(*)::int from upvotes where paper_id = ${paperId}) as votes, vote_count, upvotes from papers where id = ${paperId}`,
    ),
  );
  return row!;
}

const fold = () => runJob(voteFoldJob, { params: {}, trigger: "cli" });

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
    // A token the store could not even compare (a NUL, a non-ASCII character) is signed out too, never a 500.
    for (const token of ["%00abc", "caf%C3%A9", "a%20b"])
      expect((await vote("POST", "2604.00001", { cookie: `authjs.session-token=${token}` })).status).toBe(401);
    const { cookie, userId } = await createSignedInUser();
    await db.execute(sql`update sessions set expires = now() - interval '1 minute' where user_id = ${userId}`);
    const res = await vote("POST", "2604.00001", { cookie });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "unauthorized:upvote" } });
  });

  it("stops a session that ended after voting at once: signed out, or expired, the next vote is a 401 and writes nothing", async () => {
    const signedOut = await createSignedInUser();
    const expired = await createSignedInUser();
    // A first vote each: the server has now seen both sessions vote.
    for (const { cookie } of [signedOut, expired]) expect((await vote("POST", "2604.00001", { cookie })).status).toBe(200);
    await db.execute(sql`delete from sessions where user_id = ${signedOut.userId}`);
    await db.execute(sql`update sessions set expires = now() - interval '1 second' where user_id = ${expired.userId}`);
    for (const { cookie } of [signedOut, expired]) {
      const res = await vote("DELETE", "2604.00001", { cookie });
      expect(res.status).toBe(401);
      expect(await res.json()).toMatchObject({ error: { code: "unauthorized:upvote" } });
      expect((await vote("DELETE", "2604.00001", { cookie })).status).toBe(401);
    }
    await fold();
    expect(await countRows("2604.00001")).toEqual({ votes: 2, vote_count: 2, upvotes: 12 });
  });

  it("answers 404 for an unknown or malformed paper id", async () => {
    const { cookie } = await createSignedInUser();
    expect((await vote("POST", "2699.99999", { cookie })).status).toBe(404);
    expect((await vote("DELETE", "not a paper", { cookie })).status).toBe(404);
    // And after a vote, when the session is checked in the vote's own statement.
    expect((await vote("POST", "2604.00001", { cookie })).status).toBe(200);
    expect((await vote("POST", "2699.99999", { cookie })).status).toBe(404);
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

  it("counts the limit exactly when one user sends 130 votes at once, casts nothing past it, and refuses the rest without the store", async () => {
    const { cookie, userId } = await createSignedInUser();
    const limitCount = async () =>
      rowsOf<{ count: number }>(
        await db.execute(sql`select coalesce(sum(count), 0)::int as count from rate_limits where key = ${`vote:${userId}`}`),
      )[0]!.count;
    // Each vote on a paper of its own, so every vote allowed is a row.
    const ids = Array.from({ length: 130 }, (_, i) => `2605.${String(i).padStart(5, "0")}`);
    await insertPapers(ids.map((id) => makePaper({ id, listedOn: "2026-05-01" })));
    const statuses = (await Promise.all(ids.map((id) => vote("POST", id, { cookie })))).map((r) => r.status);
    // A window may end while they run: then the next one allows more, never fewer.
    const allowed = statuses.filter((s) => s === 200).length;
    expect(statuses.every((s) => s === 200 || s === 429)).toBe(true);
    expect(allowed).toBeGreaterThanOrEqual(120);
    const [mine] = rowsOf<{ votes: number }>(await db.execute(sql`select count(*)::int as votes from upvotes where user_id = ${userId}`));
    expect(mine!.votes).toBe(allowed);
    if (allowed < 130) {
      // Refused within the window: answered from memory, so the store counts no more attempts.
      const before = await limitCount();
      const res = await vote("POST", ids[0]!, { cookie });
      expect(res.status).toBe(429);
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limitCount()).toBe(before);
    }
  });

  it("counts exactly 50 votes when 50 users vote at once", async () => {
    const voters = await Promise.all(Array.from({ length: 50 }, () => createSignedInUser()));
    const results = await Promise.all(voters.map(({ cookie }) => vote("POST", "2604.00001", { cookie })));
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    // Every answer counts the voter's own vote, and the 50th (whichever it was) all of them.
    const answered = await Promise.all(results.map(async (r) => ((await r.json()) as { upvotes: number }).upvotes));
    expect(answered.every((n) => n > 10 && n <= 60)).toBe(true);
    expect(Math.max(...answered)).toBe(60);
    await fold();
    expect(await countRows("2604.00001")).toEqual({ votes: 50, vote_count: 50, upvotes: 60 });
  });

  it("stays consistent when one user fires 100 mixed votes at once", async () => {
    const { cookie, userId } = await createSignedInUser();
    const methods = Array.from({ length: 100 }, (_, i) => ((i * 7) % 3 === 0 ? "DELETE" : "POST") as "POST" | "DELETE");
    const results = await Promise.all(methods.map((m) => vote(m, "2604.00001", { cookie })));
    expect(results.every((r) => r.status === 200)).toBe(true);
    await fold();
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

describe("votes and the fold (docs/votes.md)", () => {
  const xminOf = async (id: string) =>
    rowsOf<{ xmin: string }>(await db.execute(sql`select xmin::text as xmin from papers where id = ${id}`))[0]!.xmin;
  const myVotesOf = async (cookie: string) =>
    (await (await myVotes(new NextRequest(`${ORIGIN}/api/me/votes?ids=2604.00001,2604.00002`, { headers: { cookie } }))).json()) as {
      papers: Record<string, { upvotes: number; upvoted: boolean }>;
    };

  it("never rewrites the paper row, yet the voter sees their vote at once, before any fold", async () => {
    const { cookie } = await createSignedInUser();
    const before = await xminOf("2604.00001");
    expect(await (await vote("POST", "2604.00001", { cookie })).json()).toEqual({ upvotes: 11, upvoted: true });
    expect(await xminOf("2604.00001")).toBe(before);
    expect(await countRows("2604.00001")).toEqual({ votes: 1, vote_count: 0, upvotes: 10 });
    expect((await myVotesOf(cookie)).papers["2604.00001"]).toEqual({ upvotes: 11, upvoted: true });
    const api = await paperApi(new Request(`${ORIGIN}/api/papers/2604.00001`), { params: Promise.resolve({ id: "2604.00001" }) });
    expect(((await api.json()) as { upvotes: number }).upvotes).toBe(11);

    expect(await (await vote("DELETE", "2604.00001", { cookie })).json()).toEqual({ upvotes: 10, upvoted: false });
    expect((await myVotesOf(cookie)).papers["2604.00001"]).toEqual({ upvotes: 10, upvoted: false });
    expect(await xminOf("2604.00001")).toBe(before);
  });

  it("folds into papers only the counts that changed, and a second or concurrent fold changes nothing more", async () => {
    const voters = await Promise.all(Array.from({ length: 3 }, () => createSignedInUser()));
    for (const { cookie } of voters) await vote("POST", "2604.00002", { cookie });
    const untouched = await xminOf("2604.00001");
    expect(await foldVoteCounts(db)).toEqual({ papers: 1 });
    expect(await countRows("2604.00002")).toEqual({ votes: 3, vote_count: 3, upvotes: 3 });
    expect(await xminOf("2604.00001")).toBe(untouched);
    const folded = await xminOf("2604.00002");
    expect(await foldVoteCounts(db)).toEqual({ papers: 0 });
    expect(await xminOf("2604.00002")).toBe(folded);

    await vote("DELETE", "2604.00002", { cookie: voters[0]!.cookie });
    const runs = await Promise.all([foldVoteCounts(db), foldVoteCounts(db), foldVoteCounts(db)]);
    expect(runs.reduce((n, r) => n + r.papers, 0)).toBe(1);
    expect(await countRows("2604.00002")).toEqual({ votes: 2, vote_count: 2, upvotes: 2 });
  });

  it("never holds a vote up while it rewrites a paper, and folds the vote that landed meanwhile next time", async () => {
    const [first, second] = await Promise.all([createSignedInUser(), createSignedInUser()]);
    await vote("POST", "2604.00001", { cookie: first.cookie });
    if (engine === "postgres") {
      // Another transaction holds the paper's row, so the fold stops at rewriting it: a vote on the
      // paper must still answer, not wait for the fold.
      let release!: () => void;
      const released = new Promise<void>((resolve) => (release = resolve));
      let holding!: () => void;
      const held = new Promise<void>((resolve) => (holding = resolve));
      const holder = (await getBackgroundDb()).transaction(async (tx) => {
        await tx.execute(sql`select 1 from papers where id = '2604.00001' for no key update`);
        holding();
        await released;
      });
      await held;
      const folding = foldVoteCounts(db);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const waited = new Promise<"waited">((resolve) => setTimeout(() => resolve("waited"), 3000));
      const answer = await Promise.race([vote("POST", "2604.00001", { cookie: second.cookie }), waited]);
      release();
      await holder;
      expect(answer === "waited" ? answer : answer.status).toBe(200);
      // The fold read one vote and wrote it; the second landed after it read, so it is still pending.
      expect(await folding).toEqual({ papers: 1 });
      expect(await countRows("2604.00001")).toEqual({ votes: 2, vote_count: 1, upvotes: 11 });
    } else {
      // One connection runs one statement at a time: the vote answers right after the fold.
      const [folded, answer] = await Promise.all([foldVoteCounts(db), vote("POST", "2604.00001", { cookie: second.cookie })]);
      expect(answer.status).toBe(200);
      expect(folded.papers).toBe(1);
    }
    expect(await foldVoteCounts(db)).toEqual({ papers: 1 });
    expect(await countRows("2604.00001")).toEqual({ votes: 2, vote_count: 2, upvotes: 12 });
  });

  it("folds counters in batches until none is pending", async () => {
    const ids = Array.from({ length: 1_203 }, (_, i) => `2606.${String(i).padStart(5, "0")}`);
    await insertPapers(ids.map((id) => makePaper({ id, listedOn: "2026-06-01" })));
    // Counters as votes leave them: one vote row per paper.
    const { userId } = await createSignedInUser();
    await db.execute(sql`insert into upvotes (user_id, paper_id) select ${userId}, id from papers where id like '2606.%'`);
    expect(await foldVoteCounts(db)).toEqual({ papers: 1_203 });
    const [left] = rowsOf<{ bad: number }>(
      await db.execute(
        sql`select count(*)::int as bad from papers p join paper_votes v on v.paper_id = p.id where p.id like '2606.%' and (p.vote_count <> 1 or v.folded <> 1)`,
      ),
    );
    expect(left!.bad).toBe(0);
    expect(await foldVoteCounts(db)).toEqual({ papers: 0 });
  });

  it("after many concurrent votes and unvotes from many users, with folds racing them, every count equals its vote rows", async () => {
    const ids = Array.from({ length: 6 }, (_, i) => `2604.${String(10 + i).padStart(5, "0")}`);
    await insertPapers(ids.map((id) => makePaper({ id, sourceUpvotes: 5, listedOn: "2026-04-02" })));
    const voters = await Promise.all(Array.from({ length: 12 }, () => createSignedInUser()));
    const calls = voters.flatMap(({ cookie }, u) =>
      Array.from({ length: 24 }, (_, k) => {
        const method = ((u * 31 + k * 17) % 5 < 3 ? "POST" : "DELETE") as "POST" | "DELETE";
        return () => vote(method, ids[(u + k) % ids.length]!, { cookie });
      }),
    );
    // Two job runs at once: the job's lock lets one through, the other is told another run holds it.
    const racing = Promise.allSettled([fold(), fold()]);
    const results = await Promise.all(calls.map((call, i) => (i % 40 === 0 ? foldVoteCounts(db).then(call) : call())));
    const raced = await racing;
    expect(raced.filter((r) => r.status === "fulfilled").length).toBeGreaterThanOrEqual(1);
    for (const r of raced) if (r.status === "rejected") expect(r.reason).toBeInstanceOf(JobBusyError);
    expect(results.every((r) => r.status === 200)).toBe(true);
    await fold();
    await fold();
    const rows = rowsOf<{ id: string; vote_count: number; votes: number; upvotes: number; count: number }>(
      await db.execute(sql`
        select p.id, p.vote_count, p.upvotes, v.count, (select count(*)::int from upvotes u where u.paper_id = p.id) as votes
        from papers p left join paper_votes v on v.paper_id = p.id order by p.id`),
    );
    expect(rows.length).toBe(8);
    for (const row of rows) {
      expect(row.vote_count).toBe(row.votes);
      expect(row.count ?? 0).toBe(row.votes);
    }
    expect(rows.filter((r) => ids.includes(r.id)).every((r) => r.upvotes === 5 + r.votes)).toBe(true);
    expect(rows.reduce((n, r) => n + r.votes, 0)).toBeGreaterThan(0);
  });

  it("keeps the counter right when a user's votes go with their account", async () => {
    const { cookie, userId } = await createSignedInUser();
    const other = await createSignedInUser();
    await vote("POST", "2604.00001", { cookie });
    await vote("POST", "2604.00001", { cookie: other.cookie });
    await fold();
    await db.execute(sql`delete from users where id = ${userId}`);
    expect((await myVotesOf(other.cookie)).papers["2604.00001"]).toEqual({ upvotes: 11, upvoted: true });
    await fold();
    expect(await countRows("2604.00001")).toEqual({ votes: 1, vote_count: 1, upvotes: 11 });
  });

  it("runs once a minute from the jobs home, recording only runs that had votes to fold", async () => {
    expect(voteFoldEntry.schedule.expression).toBe("* * * * *");
    const lines: string[] = [];
    await runScheduled(voteFoldEntry, { log: (line) => lines.push(line) });
    expect(await listJobRuns(db, { job: "votes" })).toEqual([]);
    const { cookie } = await createSignedInUser();
    await vote("POST", "2604.00002", { cookie });
    await runScheduled(voteFoldEntry, { log: (line) => lines.push(line) });
    const [run] = await listJobRuns(db, { job: "votes" });
    expect(run).toMatchObject({ status: "succeeded", trigger: "schedule", result: { papers: 1 } });
    expect(lines).toEqual([expect.stringMatching(/^scheduled votes run \d+ succeeded: folded the votes of 1 paper$/)]);
    expect(await countRows("2604.00002")).toEqual({ votes: 1, vote_count: 1, upvotes: 1 });
  });
});
