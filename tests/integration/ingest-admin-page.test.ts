import { renderToStaticMarkup } from "react-dom/server";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import IngestionRunsPage from "@/app/admin/ingestion/page";
import { getDb } from "@/db";
import { ingestionRuns } from "@/db/schema";
import { runtime } from "@/lib/env";
import { resetDatabase } from "../helpers/db";

const devServer = runtime.devServer;

beforeEach(async () => {
  await resetDatabase();
});

afterEach(() => {
  runtime.devServer = devServer;
});

describe("/admin/ingestion", () => {
  it("does not exist outside next dev", async () => {
    runtime.devServer = false;
    await expect(IngestionRunsPage()).rejects.toThrow(/NEXT_HTTP_ERROR_FALLBACK;404/);
  });

  it("lists recent runs with their counts and errors under next dev", async () => {
    runtime.devServer = true;
    const db = await getDb();
    await db.insert(ingestionRuns).values([
      {
        trigger: "cron",
        status: "partial",
        params: { from: "2026-01-05", to: "2026-01-06" },
        startedAt: new Date("2026-01-06T10:00:00Z"),
        finishedAt: new Date("2026-01-06T10:00:42Z"),
        days: [
          { date: "2026-01-06", fetched: 0, inserted: 0, updated: 0, rejected: 0, error: "malformed JSON" },
          { date: "2026-01-05", fetched: 12, inserted: 10, updated: 1, rejected: 1 },
        ],
        error: "2026-01-06: malformed JSON",
      },
    ]);

    const html = renderToStaticMarkup(await IngestionRunsPage());

    expect(html).toContain("<h1");
    expect(html).toContain("Ingestion runs");
    expect(html).toMatch(/<th scope="row"[^>]*>\d+<\/th>/);
    expect(html).toContain("2026-01-05 – 2026-01-06");
    expect(html).toContain("42 s");
    expect(html).toContain(">partial</span>");
    expect(html).toContain("2026-01-06: malformed JSON");
    expect(html).toMatch(/>12<\/td><td[^>]*>10<\/td><td[^>]*>1<\/td><td[^>]*>1<\/td>/);
  });
});
