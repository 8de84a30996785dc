import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as route from "@/app/api/cron/ingest/route";
import { addDays, todayUtc } from "@/lib/dates";
import { env } from "@/lib/env";
import { runIngestion } from "@/server/ingest/run";
import { FakeUpstream, fixtureJson } from "../helpers/fake-upstream";
import { resetDatabase } from "../helpers/db";
import { getRunningIngestionRun, listIngestionRuns } from "../helpers/runs";

const SECRET = "test-cron-secret";
const DAY = "2026-01-05";
const saved = { CRON_SECRET: env.CRON_SECRET, HF_API_URL: env.HF_API_URL, ARXIV_API_URL: env.ARXIV_API_URL };
let upstream: FakeUpstream;

function call(method: "GET" | "POST", query = "", { auth = `Bearer ${SECRET}`, body }: { auth?: string | null; body?: string } = {}) {
  const headers: Record<string, string> = {};
  if (auth) headers.authorization = auth;
  if (body !== undefined) headers["content-type"] = "application/json";
  const request = new Request(`http://localhost/api/cron/ingest${query}`, { method, headers, body });
  return method === "GET" ? route.GET(request) : route.POST(request);
}

async function errorOf(response: Response) {
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
});

afterAll(async () => {
  Object.assign(env, saved);
  await upstream.stop();
});

beforeEach(async () => {
  await resetDatabase();
  upstream.reset();
  // The route reads the environment when called, so pointing it at the local server is enough.
  Object.assign(env, { CRON_SECRET: SECRET, HF_API_URL: upstream.hfUrl, ARXIV_API_URL: upstream.arxivUrl });
});

describe("GET and POST /api/cron/ingest", () => {
  it("is never cached", () => {
    expect(route.dynamic).toBe("force-dynamic");
  });

  it("is disabled with 503 while CRON_SECRET is unset", async () => {
    env.CRON_SECRET = undefined;
    const response = await call("GET", `?date=${DAY}`);
    expect(response.status).toBe(503);
    expect(await errorOf(response)).toEqual({
      code: "unavailable:ingest",
      message: "Running jobs over HTTP is disabled: CRON_SECRET is not set.",
    });
    expect(upstream.requests).toHaveLength(0);
  });

  it.each([
    ["no Authorization header", null],
    ["a wrong secret", "Bearer not-the-secret"],
    ["another scheme", `Basic ${SECRET}`],
  ])("answers 401 to %s", async (_, auth) => {
    for (const method of ["GET", "POST"] as const) {
      const response = await call(method, `?date=${DAY}`, { auth });
      expect(response.status).toBe(401);
      expect((await errorOf(response)).code).toBe("unauthorized:ingest");
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
    }
    expect(upstream.requests).toHaveLength(0);
    expect(await listIngestionRuns()).toEqual([]);
  });

  it.each([
    ["an impossible date", "?date=2026-02-30", /date: "2026-02-30" is not a calendar day/],
    ["a date that is not one", "?date=yesterday", /date: "yesterday" is not a calendar day/],
    ["from after to", "?from=2026-01-10&to=2026-01-05", /from \(2026-01-10\) is after to \(2026-01-05\)/],
    ["more than 31 days", "?from=2026-01-01&to=2026-02-01", /At most 31 days at a time; 2026-01-01 to 2026-02-01 is 32/],
    ["from without to", "?from=2026-01-01", /from and to go together/],
    ["date with from and to", `?date=${DAY}&from=${DAY}&to=${DAY}`, /either date, or from and to/],
    ["an unknown parameter", "?days=3", /Unrecognized key/],
  ])("answers 400 to %s", async (_, query, message) => {
    const response = await call("GET", query);
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe("bad_request:ingest");
    expect(error.message).toMatch(message);
    expect(upstream.requests).toHaveLength(0);
  });

  it("answers 400 to a POST body that is not JSON", async () => {
    const response = await call("POST", "", { body: "{date:" });
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: "bad_request:ingest", message: "The request body is not valid JSON." });
  });

  it("ingests the given day and answers with the run", async () => {
    upstream.days.set(DAY, { items: fixtureJson("daily-papers-normal.json") });

    const response = await call("GET", `?date=${DAY}`);

    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as { runId: number; status: string; days: unknown[] };
    expect(body).toEqual({
      runId: expect.any(Number),
      status: "succeeded",
      days: [{ date: DAY, fetched: 3, inserted: 3, updated: 0, rejected: 0 }],
    });
    const [run] = await listIngestionRuns();
    expect(run).toMatchObject({ id: body.runId, trigger: "cron", status: "succeeded" });
  });

  it("takes from and to in a POST body", async () => {
    upstream.days.set(DAY, { items: fixtureJson("daily-papers-normal.json") });

    const response = await call("POST", "", { body: JSON.stringify({ from: "2026-01-04", to: DAY }) });

    expect(response.status).toBe(200);
    const body = (await response.json()) as { days: Array<{ date: string; inserted: number }> };
    expect(body.days.map((d) => [d.date, d.inserted])).toEqual([
      [DAY, 3],
      ["2026-01-04", 0],
    ]);
  });

  it("defaults to today and yesterday (UTC)", async () => {
    const response = await call("GET");

    expect(response.status).toBe(200);
    const today = todayUtc();
    const body = (await response.json()) as { days: Array<{ date: string }> };
    expect(body.days.map((d) => d.date)).toEqual([today, addDays(today, -1)]);
    expect(upstream.hfRequests().map((r) => r.params.get("date"))).toEqual([today, addDays(today, -1)]);
  });

  it("answers 409 naming the running run while another run holds the lock", async () => {
    upstream.days.set(DAY, { items: fixtureJson("daily-papers-normal.json"), delayMs: 300 });
    const first = runIngestion({
      range: { from: DAY, to: DAY },
      trigger: "schedule",
      settings: { hfApiUrl: upstream.hfUrl, arxivApiUrl: upstream.arxivUrl },
    });
    let running = await getRunningIngestionRun();
    for (let i = 0; !running && i < 100; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      running = await getRunningIngestionRun();
    }
    expect(running).not.toBeNull();

    const response = await call("POST", `?date=${DAY}`);

    expect(response.status).toBe(409);
    const error = await errorOf(response);
    expect(error.code).toBe("conflict:ingest");
    expect(error.message).toMatch(new RegExp(`^The ingest run ${running!.id} \\(schedule, started .+\\) is still running\\.$`));
    expect((await first).status).toBe("succeeded");
    expect((await call("POST", `?date=${DAY}`)).status).toBe(200);
  });
});
