import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as dailyPapers } from "@/app/api/daily_papers/route";
import { GET as health } from "@/app/api/health/route";
import { GET as paperById } from "@/app/api/papers/[id]/route";
import { engine } from "@/db";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const get = (query: string) => dailyPapers(new NextRequest(`http://localhost/api/daily_papers${query}`));
const getPaper = (id: string) =>
  paperById(new Request(`http://localhost/api/papers/${id}`), { params: Promise.resolve({ id }) });

type Item = { paper: { id: string } & Record<string, unknown> } & Record<string, unknown>;
const ids = async (res: Response) => ((await res.json()) as Item[]).map((item) => item.paper.id);

beforeAll(async () => {
  await resetDatabase();
  await insertPapers(
    [
      makePaper({
        id: "2603.00001",
        title: "Top of the day",
        abstract: "Most upvoted.",
        listedOn: "2026-03-10",
        publishedAt: "2026-03-09",
        sourceUpvotes: 40,
        numComments: 3,
        thumbnail: "https://cdn.example/thumb.png",
        githubRepo: "https://github.com/a/b",
        githubStars: 120,
        aiKeywords: ["diffusion"],
        organizationName: "acme",
      }),
      makePaper({ id: "2603.00002", listedOn: "2026-03-10", publishedAt: "2026-03-08", sourceUpvotes: 5 }),
      makePaper({ id: "2603.00003", listedOn: "2026-03-10", publishedAt: "2026-03-10", sourceUpvotes: 5 }),
      makePaper({ id: "2603.00004", listedOn: "2026-03-12", publishedAt: "2026-03-11", sourceUpvotes: 1 }),
      makePaper({ id: "2603.00005", listedOn: "2026-03-20", publishedAt: "2026-03-19", sourceUpvotes: 9 }),
      makePaper({ id: "2602.00001", listedOn: "2026-02-27", publishedAt: "2026-02-26", sourceUpvotes: 99 }),
    ],
    [{ name: "acme", fullname: "Acme Research" }],
  );
});

describe("GET /api/daily_papers", () => {
  it("lists one day ranked by upvotes, then newest", async () => {
    const res = await get("?date=2026-03-10");
    expect(res.status).toBe(200);
    expect(await ids(res)).toEqual(["2603.00001", "2603.00003", "2603.00002"]);
  });

  it("lists an ISO week and a month", async () => {
    expect(await ids(await get("?week=2026-W11"))).toEqual(["2603.00001", "2603.00003", "2603.00002", "2603.00004"]);
    expect(await ids(await get("?month=2026-02"))).toEqual(["2602.00001"]);
  });

  it("defaults to the latest day with papers", async () => {
    expect(await ids(await get(""))).toEqual(["2603.00005"]);
  });

  it("pages with limit and p, and sorts by publication date", async () => {
    expect(await ids(await get("?month=2026-03&limit=2&p=0"))).toEqual(["2603.00001", "2603.00005"]);
    expect(await ids(await get("?month=2026-03&limit=2&p=1"))).toEqual(["2603.00003", "2603.00002"]);
    expect(await ids(await get("?month=2026-03&limit=2&p=3"))).toEqual([]);
    expect(await ids(await get("?date=2026-03-10&sort=publishedAt"))).toEqual(["2603.00003", "2603.00001", "2603.00002"]);
  });

  it("answers in the Daily Papers shape and omits what the store lacks", async () => {
    const [full, bare] = (await (await get("?date=2026-03-10")).json()) as Item[];
    expect(full).toMatchObject({
      title: "Top of the day",
      summary: "Most upvoted.",
      publishedAt: "2026-03-09T00:00:00.000Z",
      numComments: 3,
      thumbnail: "https://cdn.example/thumb.png",
      organization: { name: "acme", fullname: "Acme Research" },
      paper: {
        id: "2603.00001",
        title: "Top of the day",
        summary: "Most upvoted.",
        authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }],
        publishedAt: "2026-03-09T00:00:00.000Z",
        upvotes: 40,
        githubRepo: "https://github.com/a/b",
        githubStars: 120,
        ai_keywords: ["diffusion"],
      },
    });
    expect(full!.organization).not.toHaveProperty("avatar");
    expect(bare).not.toHaveProperty("numComments");
    expect(bare).not.toHaveProperty("thumbnail");
    expect(bare).not.toHaveProperty("organization");
    for (const key of ["githubRepo", "githubStars", "projectPage", "ai_summary", "ai_keywords"]) {
      expect(bare!.paper).not.toHaveProperty(key);
    }
  });

  it.each([
    ["?date=2026-02-30", "date"],
    ["?date=abc", "date"],
    ["?week=2026-W54", "week"],
    ["?month=2026-13", "month"],
    ["?limit=0", "limit"],
    ["?limit=101", "limit"],
    ["?limit=ten", "limit"],
    ["?p=-1", "p"],
    ["?p=1.5", "p"],
    ["?sort=best", "sort"],
    ["?dat=2026-03-10", "dat"],
    ["?date=2026-03-10&week=2026-W11", "at most one"],
    ["?date=2026-03-10&date=2026-03-11", "more than once"],
  ])("rejects %s with a 400 naming the problem", async (query, mention) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe("bad_request:daily_papers");
    expect(body.error.message).toContain(mention);
  });
});

describe("GET /api/papers/{id}", () => {
  it("returns the paper object", async () => {
    const res = await getPaper("2603.00001");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ id: "2603.00001", title: "Top of the day", upvotes: 40 });
  });

  it.each(["2699.99999", "local-000000000000", "../etc/passwd", "' or 1=1 --", "x".repeat(5000)])(
    "answers 404 JSON for an unknown id (%#)",
    async (id) => {
      const res = await getPaper(id);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found:paper" } });
    },
  );
});

describe("GET /api/health", () => {
  it("reports the engine and that it is reachable", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", engine, reachable: true });
  });
});
