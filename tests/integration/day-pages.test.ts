import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb } from "@/db";
import { periodOf } from "@/lib/dates";
import { PERIOD_PAGE_SIZE, loadPeriodPage, periodMetadata } from "@/server/periods";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const DAY = "2026-05-12";
const ON_DAY = 2 * PERIOD_PAGE_SIZE + 20;

beforeAll(async () => {
  await resetDatabase();
  // Upvotes 1…ON_DAY, inserted in no particular order; a neighbouring day has papers too.
  const order = Array.from({ length: ON_DAY }, (_, i) => (i * 37) % ON_DAY);
  await insertPapers([
    ...order.map((k) => makePaper({ id: `2605.${String(20000 + k)}`, listedOn: DAY, publishedAt: DAY, sourceUpvotes: k + 1 })),
    makePaper({ id: "2605.30000", listedOn: "2026-05-11", publishedAt: "2026-05-11" }),
  ]);
});
afterAll(async () => {
  await closeDb();
});

/** Whether `run` ends in Next.js's notFound(). */
async function isNotFound(run: () => Promise<unknown>): Promise<boolean> {
  try {
    await run();
    return false;
  } catch (error) {
    return String((error as { digest?: string }).digest ?? "").includes("404");
  }
}

describe("a day's pages", () => {
  const period = periodOf("day", DAY);

  it("are fifty papers each, most upvoted first, numbered on from the page before, to the last paper", async () => {
    const seen: string[] = [];
    for (let page = 0; page < 3; page++) {
      const listing = await loadPeriodPage(period, page);
      expect(listing.total).toBe(ON_DAY);
      expect(listing.page).toBe(page);
      expect(listing.offset).toBe(page * PERIOD_PAGE_SIZE);
      const upvotes = listing.papers.map((p) => p.upvotes);
      expect(upvotes).toEqual(
        Array.from(
          { length: Math.min(PERIOD_PAGE_SIZE, ON_DAY - page * PERIOD_PAGE_SIZE) },
          (_, i) => ON_DAY - page * PERIOD_PAGE_SIZE - i,
        ),
      );
      seen.push(...listing.papers.map((p) => p.id));
    }
    expect(new Set(seen).size).toBe(ON_DAY);
  });

  it("end: the page after the last is a 404, the first page of an empty day is not", async () => {
    expect(await isNotFound(() => loadPeriodPage(period, 3))).toBe(true);
    expect(await isNotFound(() => loadPeriodPage(periodOf("day", "2026-05-13"), 0))).toBe(false);
    expect((await loadPeriodPage(periodOf("day", "2026-05-13"), 0)).papers).toEqual([]);
  });

  it("each have their own title and canonical URL; the first has no page number", async () => {
    const first = await periodMetadata("day", DAY);
    const third = await periodMetadata("day", DAY, 2);
    expect(String(first.title)).not.toMatch(/page/);
    expect(String(third.title)).toMatch(/\(page 3\)$/);
    expect(String(first.alternates?.canonical)).toMatch(/\/papers\/date\/2026-05-12$/);
    expect(String(third.alternates?.canonical)).toMatch(/\/papers\/date\/2026-05-12\?p=2$/);
  });
});

describe("a week's and a month's pages", () => {
  const WEEK_TOTAL = ON_DAY + 1;

  it.each([
    ["week", periodOf("week", DAY)],
    ["month", periodOf("month", DAY)],
  ] as const)("a %s pages by fifty like a day, to its last paper, and lists its days", async (_kind, period) => {
    const seen: string[] = [];
    for (let page = 0; page < 3; page++) {
      const listing = await loadPeriodPage(period, page);
      expect(listing.total).toBe(WEEK_TOTAL);
      expect(listing.offset).toBe(page * PERIOD_PAGE_SIZE);
      expect(listing.papers).toHaveLength(Math.min(PERIOD_PAGE_SIZE, WEEK_TOTAL - page * PERIOD_PAGE_SIZE));
      expect(listing.days).toEqual([
        { day: "2026-05-11", papers: 1 },
        { day: DAY, papers: ON_DAY },
      ]);
      seen.push(...listing.papers.map((p) => p.id));
    }
    expect(new Set(seen).size).toBe(WEEK_TOTAL);
    expect(await isNotFound(() => loadPeriodPage(period, 3))).toBe(true);
  });
});
