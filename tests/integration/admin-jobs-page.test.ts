import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import JobRunsPage from "@/app/admin/jobs/page";
import { getDb } from "@/db";
import { jobRuns } from "@/db/schema";
import { runtime } from "@/lib/env";
import { resetDatabase } from "../helpers/db";

const devServer = runtime.devServer;

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  runtime.devServer = devServer;
});

describe("/admin/jobs", () => {
  it("does not exist outside next dev", async () => {
    runtime.devServer = false;
    await expect(JobRunsPage()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it("lists recent runs of every job with what they did and their errors under next dev", async () => {
    runtime.devServer = true;
    const db = await getDb();
    await db.insert(jobRuns).values([
      {
        job: "ingest",
        trigger: "cron",
        status: "partial",
        params: { from: "2026-01-05", to: "2026-01-06" },
        startedAt: new Date("2026-01-06T10:00:00Z"),
        finishedAt: new Date("2026-01-06T10:00:42Z"),
        result: {
          days: [
            { date: "2026-01-06", fetched: 0, inserted: 0, updated: 0, rejected: 0, error: "malformed JSON" },
            { date: "2026-01-05", fetched: 12, inserted: 10, updated: 1, rejected: 1 },
          ],
        },
        error: "2026-01-06: malformed JSON",
      },
      {
        job: "housekeeping",
        trigger: "schedule",
        status: "succeeded",
        params: {},
        startedAt: new Date("2026-01-06T11:07:00Z"),
        finishedAt: new Date("2026-01-06T11:07:01Z"),
        result: { verificationTokens: 3, sessions: 1, rateLimitWindows: 9, jobRuns: 0 },
      },
      {
        job: "digest",
        trigger: "cron",
        status: "partial",
        params: { frequencies: ["daily", "weekly"] },
        startedAt: new Date("2026-01-06T09:00:00Z"),
        finishedAt: new Date("2026-01-06T09:02:00Z"),
        result: {
          period: "day:2026-01-05 week:2026-W01",
          sent: 40,
          skipped: 3,
          failed: 1,
          periods: [
            {
              frequency: "daily",
              period: "day:2026-01-05",
              subscribers: 44,
              topics: 9,
              sent: 38,
              skipped: 3,
              failed: 1,
              distinctDigests: 30,
              timings: {},
            },
            {
              frequency: "weekly",
              period: "week:2026-W01",
              subscribers: 2,
              topics: 1,
              sent: 2,
              skipped: 0,
              failed: 0,
              distinctDigests: 2,
              timings: {},
            },
          ],
        },
        error: "1 message was not sent; later runs retry them",
      },
    ]);

    const html = renderToStaticMarkup(await JobRunsPage());

    expect(html).toContain("Background jobs");
    expect(html).toMatch(/<th scope="row"[^>]*>\d+<\/th><td[^>]*>ingest<\/td>/);
    expect(html).toContain("2026-01-05 – 2026-01-06");
    expect(html).toContain("42 s");
    expect(html).toContain(">partial</span>");
    expect(html).toContain("2026-01-06: malformed JSON");
    expect(html).toContain("2 days, 10 new, 1 updated, 1 rejected, 1 day failed");
    expect(html).toContain("purged 3 sign-in tokens, 1 session, 9 rate-limit windows, 0 old run records");
    expect(html).toContain("day:2026-01-05: 38 sent, 3 skipped, 1 failed; week:2026-W01: 2 sent, 0 skipped, 0 failed");
    // Newest first: the housekeeping run started later.
    expect(html.indexOf(">housekeeping<")).toBeLessThan(html.indexOf(">ingest<"));
  });
});
