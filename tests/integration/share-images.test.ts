import { count, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { GET as dayImageRoute } from "@/app/og/days/[day]/route";
import { GET as paperImageRoute } from "@/app/og/papers/[id]/route";
import { getDb } from "@/db";
import { pruneShareImages } from "@/db/queries/share-images";
import { papers, shareImages } from "@/db/schema";
import { env } from "@/lib/env";
import { shareImagesDue } from "@/server/share-images/ahead";
import { shareImagesEntry } from "@/server/jobs/registry";
import { runScheduled } from "@/server/jobs/scheduler";
import { forgetRecentShareImages, shareImageDraws } from "@/server/share-images/serve";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const SITE = "http://localhost:3000";
const db = await getDb();
const savedLimit = env.SHARE_IMAGE_DRAW_LIMIT;

const request = (path: string, { client = "203.0.113.1", etag }: { client?: string; etag?: string } = {}) =>
  new Request(`${SITE}${path}`, { headers: { "x-forwarded-for": client, ...(etag ? { "if-none-match": etag } : {}) } });
const paperImage = (file: string, options?: { client?: string; etag?: string }) =>
  paperImageRoute(request(`/og/papers/${file}`, options), { params: Promise.resolve({ id: file }) });
const dayImage = (file: string, options?: { client?: string; etag?: string }) =>
  dayImageRoute(request(`/og/days/${file}`, options), { params: Promise.resolve({ day: file }) });
const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());
const stored = async () =>
  (await db.select({ subject: shareImages.subject }).from(shareImages).orderBy(shareImages.subject)).map((r) => r.subject);
/** Draws made while `fn` ran. */
async function drawsDuring(fn: () => Promise<unknown>): Promise<number> {
  const before = shareImageDraws.count;
  await fn();
  return shareImageDraws.count - before;
}

beforeEach(async () => {
  await resetDatabase();
  env.SHARE_IMAGE_DRAW_LIMIT = 100;
  await insertPapers([
    makePaper({ id: "2604.00001", title: "Sparse Experts at Scale", listedOn: "2026-04-02", sourceUpvotes: 42 }),
    makePaper({ id: "2604.00002", title: "Dense Experts at Scale", listedOn: "2026-04-02", sourceUpvotes: 7 }),
    makePaper({ id: "2604.00003", title: "Tiny Experts at Scale", listedOn: "2026-04-01", sourceUpvotes: 3 }),
    makePaper({ id: "2604.00004", title: "Huge Experts at Scale", listedOn: "2026-04-01", sourceUpvotes: 0 }),
  ]);
});

afterEach(() => {
  env.SHARE_IMAGE_DRAW_LIMIT = savedLimit;
});

describe("share images are drawn once and kept", () => {
  it("serves a paper's image a second time from the store, drawing nothing, with its ETag and public cache headers", async () => {
    let first!: Response;
    expect(await drawsDuring(async () => (first = await paperImage("2604.00001.png")))).toBe(1);
    expect(first.status).toBe(200);
    const png = await bytes(first);
    expect(await stored()).toEqual(["paper:2604.00001"]);

    let again!: Response;
    expect(await drawsDuring(async () => (again = await paperImage("2604.00001.png", { client: "198.51.100.7" })))).toBe(0);
    expect(again.status).toBe(200);
    expect(again.headers.get("content-type")).toBe("image/png");
    expect(again.headers.get("cache-control")).toBe("public, s-maxage=3600, stale-while-revalidate=86400");
    expect(again.headers.get("etag")).toBe(first.headers.get("etag"));
    expect(await bytes(again)).toEqual(png);

    // Another process (one that never drew it) reads it from the store.
    forgetRecentShareImages();
    let fromStore!: Response;
    expect(await drawsDuring(async () => (fromStore = await paperImage("2604.00001.png")))).toBe(0);
    expect(await bytes(fromStore)).toEqual(png);

    const notModified = await paperImage("2604.00001.png", { etag: first.headers.get("etag")! });
    expect(notModified.status).toBe(304);
  });

  it("serves a day's image a second time from the store, drawing nothing", async () => {
    expect(await drawsDuring(async () => expect((await dayImage("2026-04-02.png")).status).toBe(200))).toBe(1);
    expect(await drawsDuring(async () => expect((await dayImage("2026-04-02.png")).status).toBe(200))).toBe(0);
    forgetRecentShareImages();
    expect(await drawsDuring(async () => expect((await dayImage("2026-04-02.png")).status).toBe(200))).toBe(0);
    expect(await stored()).toEqual(["day:2026-04-02"]);
  });

  it("draws anew when the title changes, and not for a vote that leaves the shown count's step", async () => {
    const first = await paperImage("2604.00001.png");
    const png = await bytes(first);
    // 42 shows as 40+, and so does 47: the image stays.
    await db.update(papers).set({ sourceUpvotes: 47 }).where(eq(papers.id, "2604.00001"));
    expect(await drawsDuring(async () => expect(await bytes(await paperImage("2604.00001.png"))).toEqual(png))).toBe(0);

    await db.update(papers).set({ title: "Sparse Experts at a Larger Scale" }).where(eq(papers.id, "2604.00001"));
    let changed!: Response;
    expect(await drawsDuring(async () => (changed = await paperImage("2604.00001.png")))).toBe(1);
    expect(changed.headers.get("etag")).not.toBe(first.headers.get("etag"));
    expect(await bytes(changed)).not.toEqual(png);
    // The old ETag no longer matches: the new image is sent.
    expect((await paperImage("2604.00001.png", { etag: first.headers.get("etag")! })).status).toBe(200);
    expect(await stored()).toEqual(["paper:2604.00001"]);
  });

  it("draws a new image asked for by many at once only once", async () => {
    const draws = await drawsDuring(async () => {
      const all = await Promise.all(Array.from({ length: 5 }, (_, i) => paperImage("2604.00002.png", { client: `203.0.113.${i + 10}` })));
      expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    });
    expect(draws).toBe(1);
  });

  it.each([
    ["paper", () => paperImage("2699.99999.png")],
    ["paper", () => paperImage("2604.00001.jpg")],
    ["paper", () => paperImage("not-a-paper.png")],
    ["day", () => dayImage("2026-04-03.png")],
    ["day", () => dayImage("2026-02-30.png")],
    ["day", () => dayImage("latest.png")],
  ])("answers 404 for an unknown %s (%#), drawing and storing nothing", async (_kind, ask) => {
    let res!: Response;
    expect(await drawsDuring(async () => (res = await ask()))).toBe(0);
    expect(res.status).toBe(404);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await stored()).toEqual([]);
  });
});

describe("drawing on request is limited per client", () => {
  it("answers 429 with Retry-After past the client's draws a minute, still serves it images already drawn, and other clients go on", async () => {
    env.SHARE_IMAGE_DRAW_LIMIT = 2;
    const me = { client: "192.0.2.44" };
    expect((await paperImage("2604.00001.png", me)).status).toBe(200);
    expect((await dayImage("2026-04-02.png", me)).status).toBe(200);
    const refused = await paperImage("2604.00002.png", me);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("cache-control")).toBe("no-store");
    expect((await dayImage("2026-04-01.png", me)).status).toBe(429);
    expect(await stored()).toEqual(["day:2026-04-02", "paper:2604.00001"]);

    // Images already drawn cost no drawing, and are served past the limit.
    expect((await paperImage("2604.00001.png", me)).status).toBe(200);
    expect((await dayImage("2026-04-02.png", me)).status).toBe(200);
    // Another client is not refused.
    expect((await paperImage("2604.00002.png", { client: "192.0.2.45" })).status).toBe(200);
  });
});

describe("drawing ahead", () => {
  it("draws the newest two days' images in the background job, so requests for them draw nothing", async () => {
    await insertPapers([makePaper({ id: "2603.00009", title: "An older day's paper", listedOn: "2026-03-31" })]);
    expect(await shareImagesDue(db)).toBe(true);
    const lines: string[] = [];
    expect(await drawsDuring(() => runScheduled(shareImagesEntry, { log: (line) => lines.push(line) }))).toBe(6);
    expect(lines).toEqual([expect.stringMatching(/^scheduled share-images run \d+ succeeded: drew 6 share images$/)]);
    expect(await stored()).toEqual([
      "day:2026-04-01",
      "day:2026-04-02",
      "paper:2604.00001",
      "paper:2604.00002",
      "paper:2604.00003",
      "paper:2604.00004",
    ]);
    expect(await shareImagesDue(db)).toBe(false);

    env.SHARE_IMAGE_DRAW_LIMIT = 1;
    forgetRecentShareImages();
    const draws = await drawsDuring(async () => {
      for (const id of ["2604.00001", "2604.00002", "2604.00003", "2604.00004"]) expect((await paperImage(`${id}.png`)).status).toBe(200);
      expect((await dayImage("2026-04-01.png")).status).toBe(200);
    });
    expect(draws).toBe(0);

    // A changed title makes the job due again, for the images that show it: the paper's and its day's.
    await db.update(papers).set({ title: "Tiny Experts, Retitled" }).where(eq(papers.id, "2604.00003"));
    expect(await shareImagesDue(db)).toBe(true);
    const before = await db.select({ subject: shareImages.subject, updatedAt: shareImages.updatedAt }).from(shareImages);
    expect(await drawsDuring(() => runScheduled(shareImagesEntry, { log: () => {} }))).toBe(2);
    const after = await db.select({ subject: shareImages.subject, updatedAt: shareImages.updatedAt }).from(shareImages);
    const redrawn = after
      .filter((a) => a.updatedAt.getTime() !== before.find((b) => b.subject === a.subject)?.updatedAt.getTime())
      .map((a) => a.subject);
    expect(redrawn.sort()).toEqual(["day:2026-04-01", "paper:2604.00003"]);
  });
});

describe("the store is bounded", () => {
  it("prunes the least recently drawn images past the budget", async () => {
    for (const id of ["2604.00001", "2604.00002", "2604.00003"]) await paperImage(`${id}.png`);
    await db
      .update(shareImages)
      .set({ updatedAt: sql`now() - interval '1 hour'` })
      .where(eq(shareImages.subject, "paper:2604.00002"));
    const sizes = await db.select({ subject: shareImages.subject, bytes: shareImages.bytes }).from(shareImages);
    const keep = sizes.filter((s) => s.subject !== "paper:2604.00002").reduce((n, s) => n + s.bytes, 0);
    expect(await pruneShareImages(db, { maxBytes: keep })).toBe(1);
    expect(await stored()).toEqual(["paper:2604.00001", "paper:2604.00003"]);
    const [{ n }] = (await db.select({ n: count() }).from(shareImages)) as [{ n: number }];
    expect(n).toBe(2);
  });
});
