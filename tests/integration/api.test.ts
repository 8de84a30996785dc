import { NextRequest } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { GET as dailyPapers } from "@/app/api/daily_papers/route";
import { GET as health } from "@/app/api/health/route";
import { GET as paperById } from "@/app/api/papers/[id]/route";
import { GET as searchRoute } from "@/app/api/papers/search/route";
import { engine } from "@/db";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const get = (query: string) => dailyPapers(new NextRequest(`http://localhost/api/daily_papers${query}`));
const getPaper = (id: string) => paperById(new Request(`http://localhost/api/papers/${id}`), { params: Promise.resolve({ id }) });

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
        submittedByName: "ada-r",
        submittedByFullname: "Ada Reviewer",
        submittedByAvatar: "https://cdn.example/ada.png",
      }),
      makePaper({
        id: "2603.00002",
        listedOn: "2026-03-10",
        publishedAt: "2026-03-08",
        submittedOnDailyAt: new Date("2026-03-10T06:42:17.123Z"),
        sourceUpvotes: 5,
        submittedByName: "bob",
      }),
      makePaper({ id: "2603.00003", listedOn: "2026-03-10", publishedAt: "2026-03-10", sourceUpvotes: 5 }),
      makePaper({ id: "2603.00004", listedOn: "2026-03-12", publishedAt: "2026-03-11", sourceUpvotes: 1, submittedByName: "ada-r" }),
      makePaper({ id: "2603.00005", listedOn: "2026-03-20", publishedAt: "2026-03-19", sourceUpvotes: 9 }),
      makePaper({ id: "2602.00001", listedOn: "2026-02-27", publishedAt: "2026-03-12", sourceUpvotes: 99, submittedByName: "ada-r" }),
      makePaper({
        id: "2602.00002",
        listedOn: "2026-02-27",
        publishedAt: "2026-02-25",
        sourceUpvotes: 3,
        submittedByName: "ada-r",
        organizationName: "solo",
      }),
    ],
    [
      { name: "acme", fullname: "Acme Research" },
      { name: "solo", fullname: "Solo Lab", avatar: "https://cdn.example/solo.png" },
    ],
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
    expect(await ids(await get("?month=2026-02"))).toEqual(["2602.00001", "2602.00002"]);
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
      publishedAt: "2026-03-10T00:00:00.000Z",
      numComments: 3,
      thumbnail: "https://cdn.example/thumb.png",
      organization: { name: "acme", fullname: "Acme Research" },
      paper: {
        id: "2603.00001",
        title: "Top of the day",
        summary: "Most upvoted.",
        authors: [{ name: "Ada Lovelace" }, { name: "Alan Turing" }],
        publishedAt: "2026-03-09T00:00:00.000Z",
        submittedOnDailyAt: "2026-03-10T00:00:00.000Z",
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
    expect(bare).not.toHaveProperty("submittedBy");
    expect(bare!.paper).not.toHaveProperty("submittedOnDailyBy");
    expect(bare!.paper).not.toHaveProperty("organization");
    for (const key of ["githubRepo", "githubStars", "projectPage", "ai_summary", "ai_keywords"]) {
      expect(bare!.paper).not.toHaveProperty(key);
    }
  });

  // huggingface_hub reads an item's publishedAt as the paper's submitted_at.
  it("dates an item by its listing and its paper by its publication", async () => {
    const items = (await (await get("?date=2026-03-10")).json()) as Item[];
    const bob = items.find((i) => i.paper.id === "2603.00002");
    expect(bob).toMatchObject({
      publishedAt: "2026-03-10T06:42:17.123Z",
      paper: { publishedAt: "2026-03-08T00:00:00.000Z", submittedOnDailyAt: "2026-03-10T06:42:17.123Z" },
    });
    const published = (await (await get("?month=2026-02")).json()) as Item[];
    expect(published.map((i) => [i.publishedAt, i.paper.publishedAt])).toEqual([
      ["2026-02-27T00:00:00.000Z", "2026-03-12T00:00:00.000Z"],
      ["2026-02-27T00:00:00.000Z", "2026-02-25T00:00:00.000Z"],
    ]);
  });

  it("carries the submitter and the organization, on the item and in the paper object", async () => {
    const [full] = (await (await get("?date=2026-03-10")).json()) as Item[];
    const submitter = { name: "ada-r", fullname: "Ada Reviewer", avatarUrl: "https://cdn.example/ada.png" };
    expect(full!.submittedBy).toEqual(submitter);
    expect(full!.paper.submittedOnDailyBy).toEqual(submitter);
    expect(full!.paper.organization).toEqual({ name: "acme", fullname: "Acme Research" });
    const bob = ((await (await get("?date=2026-03-10")).json()) as Item[]).find((i) => i.paper.id === "2603.00002");
    expect(bob!.submittedBy).toEqual({ name: "bob" });
  });

  it("lists one submitter's papers, newest listing day first, or within a period", async () => {
    expect(await ids(await get("?submitter=ada-r"))).toEqual(["2603.00004", "2603.00001", "2602.00001", "2602.00002"]);
    expect(await ids(await get("?submitter=ada-r&sort=publishedAt"))).toEqual(["2602.00001", "2603.00004", "2603.00001", "2602.00002"]);
    expect(await ids(await get("?submitter=ada-r&limit=2&p=1"))).toEqual(["2602.00001", "2602.00002"]);
    expect(await ids(await get("?submitter=ada-r&date=2026-03-10"))).toEqual(["2603.00001"]);
    expect(await ids(await get("?submitter=bob&date=2026-03-10"))).toEqual(["2603.00002"]);
    expect(await ids(await get("?submitter=ada-r&week=2026-W11"))).toEqual(["2603.00001", "2603.00004"]);
    expect(await ids(await get("?submitter=ada-r&month=2026-02&sort=publishedAt"))).toEqual(["2602.00001", "2602.00002"]);
    // Names match exactly: another case is another user.
    expect(await ids(await get("?submitter=ADA-R"))).toEqual([]);
    expect(await ids(await get("?submitter=nobody"))).toEqual([]);
    expect(await ids(await get("?submitter=bob&date=2026-03-12"))).toEqual([]);
  });

  // huggingface_hub's list_daily_papers(date, week, month, submitter, sort, p, limit) sends each
  // argument given as the parameter of the same name.
  it.each([
    "?date=2026-03-10&submitter=ada-r&sort=trending&p=0&limit=50",
    "?week=2026-W11&submitter=ada-r&sort=publishedAt&p=0&limit=100",
    "?month=2026-03&submitter=ada-r&sort=trending&p=1&limit=1",
    "?submitter=ada-r&sort=publishedAt&p=0&limit=10",
  ])("accepts what the Python client sends: %s", async (query) => {
    const res = await get(query);
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });

  it.each([
    ["?submitter=", "submitter"],
    ["?submitter=a%20b", "submitter"],
    ["?submitter=-lead", "submitter"],
    [`?submitter=${"a".repeat(101)}`, "submitter"],
    ["?submitter=ada-r&submitter=bob", "more than once"],
  ])("rejects the submitter %s with a 400", async (query, mention) => {
    const res = await get(query);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain(mention);
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
  it("returns the paper object, with its organization and submitter", async () => {
    const res = await getPaper("2603.00001");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id: "2603.00001",
      title: "Top of the day",
      upvotes: 40,
      organization: { name: "acme", fullname: "Acme Research" },
      submittedOnDailyBy: { name: "ada-r", fullname: "Ada Reviewer", avatarUrl: "https://cdn.example/ada.png" },
    });
    expect(await (await getPaper("2602.00002")).json()).toMatchObject({
      organization: { name: "solo", fullname: "Solo Lab", avatar: "https://cdn.example/solo.png" },
    });
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

describe("GET /api/papers/search, as huggingface_hub's list_papers(query, limit) calls it", () => {
  it("answers with items whose paper object carries the organization", async () => {
    const res = await searchRoute(new NextRequest("http://localhost/api/papers/search?q=Top+of+the+day&limit=5"));
    expect(res.status).toBe(200);
    const items = (await res.json()) as Item[];
    expect(items[0]).toMatchObject({
      organization: { name: "acme", fullname: "Acme Research" },
      submittedBy: { name: "ada-r" },
      paper: { id: "2603.00001", organization: { name: "acme", fullname: "Acme Research" } },
    });
  });
});

describe("GET /api/health", () => {
  it("reports the engine and that it is reachable", async () => {
    const res = await health();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", engine, reachable: true });
  });
});
