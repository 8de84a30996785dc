import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { countPapers, getLatestListedDay, getListedPapers, getPaper, getPeriodFacts } from "@/db/queries/papers";
import { loadSampleIfEmpty } from "@/db/queries/sample";
import { organizations, papers } from "@/db/schema";
import { parseMonth, parseWeek } from "@/lib/dates";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const db = await getDb();

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

beforeEach(async () => {
  await resetDatabase();
});

afterAll(async () => {
  await closeDb();
});

describe("getListedPapers", () => {
  it("ranks a day by upvotes (source plus site votes), then newest, then id", async () => {
    await insertPapers([
      makePaper({ id: "2603.00010", listedOn: "2026-03-10", publishedAt: "2026-03-01", sourceUpvotes: 3 }),
      // 2 + 5 site votes = 7: ranks above a paper with 6 upvotes from the source.
      makePaper({ id: "2603.00020", listedOn: "2026-03-10", publishedAt: "2026-03-02", sourceUpvotes: 2, voteCount: 5 }),
      makePaper({ id: "2603.00030", listedOn: "2026-03-10", publishedAt: "2026-03-03", sourceUpvotes: 6 }),
      // Equal upvotes: the newer publication first, a missing date last, then by id.
      makePaper({ id: "2603.00040", listedOn: "2026-03-10", publishedAt: "2026-03-09", sourceUpvotes: 3 }),
      makePaper({ id: "2603.00050", listedOn: "2026-03-10", publishedAt: null, sourceUpvotes: 3 }),
      makePaper({ id: "2603.00005", listedOn: "2026-03-10", publishedAt: "2026-03-09", sourceUpvotes: 3 }),
      // Other days never leak into the day.
      makePaper({ id: "2603.00060", listedOn: "2026-03-09", sourceUpvotes: 100 }),
      makePaper({ id: "2603.00070", listedOn: "2026-03-11", sourceUpvotes: 100 }),
      makePaper({ id: "2603.00080", listedOn: null, sourceUpvotes: 100 }),
    ]);

    const day = await getListedPapers(db, { start: "2026-03-10", end: "2026-03-10" });
    expect(ids(day)).toEqual(["2603.00020", "2603.00030", "2603.00005", "2603.00040", "2603.00010", "2603.00050"]);
    expect(day[0]).toMatchObject({ sourceUpvotes: 2, voteCount: 5, upvotes: 7 });
  });

  it("sorts by publication date when asked, and pages with limit and offset", async () => {
    await insertPapers([
      makePaper({ id: "2603.00001", listedOn: "2026-03-10", publishedAt: "2026-03-05", sourceUpvotes: 9 }),
      makePaper({ id: "2603.00002", listedOn: "2026-03-10", publishedAt: "2026-03-08", sourceUpvotes: 1 }),
      makePaper({ id: "2603.00003", listedOn: "2026-03-10", publishedAt: null, sourceUpvotes: 50 }),
      makePaper({ id: "2603.00004", listedOn: "2026-03-10", publishedAt: "2026-03-08", sourceUpvotes: 4 }),
    ]);
    const range = { start: "2026-03-10", end: "2026-03-10" };

    expect(ids(await getListedPapers(db, { ...range, sort: "publishedAt" }))).toEqual([
      "2603.00004",
      "2603.00002",
      "2603.00001",
      "2603.00003",
    ]);
    expect(ids(await getListedPapers(db, { ...range, limit: 2 }))).toEqual(["2603.00003", "2603.00001"]);
    expect(ids(await getListedPapers(db, { ...range, limit: 2, offset: 2 }))).toEqual(["2603.00004", "2603.00002"]);
    expect(await getListedPapers(db, { ...range, offset: 4 })).toEqual([]);
  });

  it("covers a whole ISO week and a whole month, boundaries included", async () => {
    const week = parseWeek("2026-W11")!; // Monday 2026-03-09 to Sunday 2026-03-15
    const month = parseMonth("2026-02")!;
    expect(week).toMatchObject({ start: "2026-03-09", end: "2026-03-15" });
    await insertPapers([
      makePaper({ id: "2603.00100", listedOn: "2026-03-08", sourceUpvotes: 90 }),
      makePaper({ id: "2603.00101", listedOn: "2026-03-09", sourceUpvotes: 1 }),
      makePaper({ id: "2603.00102", listedOn: "2026-03-12", sourceUpvotes: 30 }),
      makePaper({ id: "2603.00103", listedOn: "2026-03-15", sourceUpvotes: 20 }),
      makePaper({ id: "2603.00104", listedOn: "2026-03-16", sourceUpvotes: 90 }),
      makePaper({ id: "2601.00200", listedOn: "2026-01-31", sourceUpvotes: 90 }),
      makePaper({ id: "2602.00201", listedOn: "2026-02-01", sourceUpvotes: 2 }),
      makePaper({ id: "2602.00202", listedOn: "2026-02-28", sourceUpvotes: 8 }),
      makePaper({ id: "2603.00203", listedOn: "2026-03-01", sourceUpvotes: 90 }),
    ]);

    const inWeek = await getListedPapers(db, { start: week.start, end: week.end });
    expect(ids(inWeek)).toEqual(["2603.00102", "2603.00103", "2603.00101"]);
    expect((await getPeriodFacts(db, { start: week.start, end: week.end })).count).toBe(3);

    expect(ids(await getListedPapers(db, { start: month.start, end: month.end }))).toEqual(["2602.00202", "2602.00201"]);
    expect((await getPeriodFacts(db, { start: month.start, end: month.end })).count).toBe(2);

    expect(await getListedPapers(db, { start: "2026-04-01", end: "2026-04-30" })).toEqual([]);
    expect((await getPeriodFacts(db, { start: "2026-04-01", end: "2026-04-30" })).count).toBe(0);
  });
});

describe("days with papers", () => {
  beforeEach(async () => {
    await insertPapers([
      makePaper({ listedOn: "2026-03-02" }),
      makePaper({ listedOn: "2026-03-05" }),
      makePaper({ listedOn: "2026-03-05" }),
      makePaper({ listedOn: "2026-03-12" }),
      makePaper({ listedOn: "2026-03-20" }),
      // Never listed: no day to navigate to.
      makePaper({ listedOn: null }),
    ]);
  });

  it("finds the previous and next days that have papers, skipping empty days", async () => {
    expect(await getPeriodFacts(db, { start: "2026-03-05", end: "2026-03-05" })).toEqual({
      previous: "2026-03-02",
      next: "2026-03-12",
      count: 2,
    });
    // An empty day still has neighbours.
    expect(await getPeriodFacts(db, { start: "2026-03-08", end: "2026-03-08" })).toEqual({
      previous: "2026-03-05",
      next: "2026-03-12",
      count: 0,
    });
    // Edges of the listing have none.
    expect(await getPeriodFacts(db, { start: "2026-03-02", end: "2026-03-02" })).toEqual({
      previous: null,
      next: "2026-03-05",
      count: 1,
    });
    expect(await getPeriodFacts(db, { start: "2026-03-20", end: "2026-03-20" })).toEqual({
      previous: "2026-03-12",
      next: null,
      count: 1,
    });
  });

  it("finds neighbours outside a whole week", async () => {
    const week = parseWeek("2026-W11")!; // 2026-03-09 to 2026-03-15
    expect(await getPeriodFacts(db, { start: week.start, end: week.end })).toEqual({
      previous: "2026-03-05",
      next: "2026-03-20",
      count: 1,
    });
  });

  it("knows the latest day with papers", async () => {
    expect(await getLatestListedDay(db)).toBe("2026-03-20");
  });

  it("has no latest day and no neighbours when the store is empty", async () => {
    await resetDatabase();
    expect(await getLatestListedDay(db)).toBeNull();
    expect(await getPeriodFacts(db, { start: "2026-03-05", end: "2026-03-05" })).toEqual({ previous: null, next: null, count: 0 });
  });
});

describe("getPaper", () => {
  it("returns a paper with its organization", async () => {
    await insertPapers(
      [
        makePaper({
          id: "2603.01234",
          title: "Scaling Laws for Tiny Tests",
          authors: ["Grace Hopper"],
          organizationName: "acme",
          sourceUpvotes: 12,
          voteCount: 3,
        }),
        makePaper({ id: "2603.04321", organizationName: null }),
      ],
      [{ name: "acme", fullname: "Acme Research", avatar: "https://cdn.example/acme.png" }],
    );

    const paper = await getPaper(db, { id: "2603.01234" });
    expect(paper).toMatchObject({
      id: "2603.01234",
      title: "Scaling Laws for Tiny Tests",
      authors: ["Grace Hopper"],
      organizationName: "acme",
      upvotes: 15,
      organization: { name: "acme", fullname: "Acme Research", avatar: "https://cdn.example/acme.png" },
    });

    const orphan = await getPaper(db, { id: "2603.04321" });
    expect(orphan?.id).toBe("2603.04321");
    expect(orphan?.organization).toBeNull();
  });

  it("returns null for an unknown id", async () => {
    await insertPapers([makePaper({ id: "2603.01234" })]);
    expect(await getPaper(db, { id: "2603.99999" })).toBeNull();
  });

  it("lists papers with their organizations too", async () => {
    await insertPapers(
      [makePaper({ id: "2603.00001", listedOn: "2026-03-10", organizationName: "acme" })],
      [{ name: "acme", fullname: "Acme Research" }],
    );
    const [listed] = await getListedPapers(db, { start: "2026-03-10", end: "2026-03-10" });
    expect(listed?.organization).toEqual({ name: "acme", fullname: "Acme Research", avatar: null });
  });
});

describe("loadSampleIfEmpty", () => {
  it("loads the 145 sample papers into an empty store, once", async () => {
    expect(await countPapers(db)).toBe(0);
    expect(await loadSampleIfEmpty(db)).toBe(145);
    expect(await countPapers(db)).toBe(145);
    expect(await getLatestListedDay(db)).toBe("2026-03-24");

    expect((await db.select().from(organizations)).length).toBeGreaterThan(0);
    const withOrg = await db.select({ id: papers.id, org: papers.organizationName }).from(papers);
    expect(withOrg.every((p) => p.id.startsWith("local-"))).toBe(true);
    expect(withOrg.some((p) => p.org !== null)).toBe(true);

    // The store now has data, so a second start loads nothing.
    expect(await loadSampleIfEmpty(db)).toBe(0);
    expect(await countPapers(db)).toBe(145);
  });

  it("never touches a store that already has papers", async () => {
    await insertPapers(
      [makePaper({ id: "2603.00001", title: "Mine", listedOn: "2026-03-10", sourceUpvotes: 4, organizationName: "mine" })],
      [{ name: "mine", fullname: "My Lab" }],
    );
    const before = { papers: await db.select().from(papers), orgs: await db.select().from(organizations) };

    expect(await loadSampleIfEmpty(db)).toBe(0);

    expect(await db.select().from(papers)).toEqual(before.papers);
    expect(await db.select().from(organizations)).toEqual(before.orgs);
    expect(await getLatestListedDay(db)).toBe("2026-03-10");
  });
});
