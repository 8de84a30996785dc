import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { countPapers, getPaper } from "@/db/queries/papers";
import { holdsOnlySampleCorpus } from "@/db/queries/sample";
import { addDays, todayUtc } from "@/lib/dates";
import { env } from "@/lib/env";
import { ingestOnStart } from "@/server/ingest/on-start";
import { ingestEntry } from "@/server/jobs/registry";
import { runScheduled } from "@/server/jobs/scheduler";
import { FakeUpstream, fixtureJson } from "../helpers/fake-upstream";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";
import { listIngestionRuns } from "../helpers/runs";

const db = await getDb();

const saved = { INGEST_ON_START: env.INGEST_ON_START, HF_API_URL: env.HF_API_URL, ARXIV_API_URL: env.ARXIV_API_URL };
let upstream: FakeUpstream;
let lines: string[];
const log = (line: string) => lines.push(line);
const today = todayUtc();

async function loadSampleLikeCorpus() {
  await insertPapers([
    makePaper({ id: "local-0123456789ab", listedOn: "2026-03-02" }),
    makePaper({ id: "local-ba9876543210", listedOn: "2026-03-03" }),
  ]);
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
  lines = [];
  Object.assign(env, { INGEST_ON_START: "1", HF_API_URL: upstream.hfUrl, ARXIV_API_URL: upstream.arxivUrl });
});

describe("first-start ingestion", () => {
  it("does nothing when INGEST_ON_START is 0", async () => {
    env.INGEST_ON_START = "0";
    await loadSampleLikeCorpus();
    expect(await ingestOnStart({ log })).toBe("disabled");
    expect(upstream.requests).toEqual([]);
  });

  it("fills the last 7 days over a store that holds only the sample", async () => {
    await loadSampleLikeCorpus();
    upstream.days.set(addDays(today, -2), { items: fixtureJson("daily-papers-normal.json") });

    expect(await ingestOnStart({ log })).toBe("ingested");

    const [run] = await listIngestionRuns();
    expect(run).toMatchObject({ trigger: "startup", status: "succeeded", params: { from: addDays(today, -6), to: today } });
    expect(run?.result.days.map((d) => d.date)).toEqual(Array.from({ length: 7 }, (_, i) => addDays(today, -i)));
    // Real papers replace the sample, which is never mixed in with them.
    expect(await countPapers(db)).toBe(3);
    expect(await holdsOnlySampleCorpus(db)).toBe(false);
    expect(await getPaper(db, { id: "local-0123456789ab" })).toBeNull();
    expect(lines).toEqual([expect.stringMatching(/^first start: fetched the last 7 days .*succeeded: 7 days, 3 new/)]);
  });

  it("leaves a store with real papers alone", async () => {
    await insertPapers([makePaper({ id: "2512.00001" })]);
    expect(await ingestOnStart({ log })).toBe("has-data");
    expect(upstream.requests).toEqual([]);
  });

  it("gives up quickly with one log line when the upstream cannot be reached, keeping the sample", async () => {
    await loadSampleLikeCorpus();
    const gone = await new FakeUpstream().start();
    const deadUrl = gone.hfUrl;
    await gone.stop();
    const started = Date.now();

    const outcome = await ingestOnStart({ log, settings: { hfApiUrl: deadUrl } });

    expect(outcome).toBe("offline");
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^could not reach ${deadUrl.replace(/[.]/g, "\\.")} .*keeping the sample papers$`));
    expect(await listIngestionRuns()).toEqual([]);
    expect(await countPapers(db)).toBe(2);
  });
});

describe("scheduled ingestion", () => {
  it("ingests today and yesterday and logs a summary", async () => {
    upstream.days.set(today, { items: fixtureJson("daily-papers-normal.json") });

    await runScheduled(ingestEntry, { log });

    const [run] = await listIngestionRuns();
    expect(run).toMatchObject({ trigger: "schedule", status: "succeeded", params: { from: addDays(today, -1), to: today } });
    expect(lines).toEqual([`scheduled ingest run ${run!.id} succeeded: 2 days, 3 new, 0 updated, 0 rejected`]);
  });
});

describe("scheduled runs never throw", () => {
  it("logs a skipped run when another run holds the job's lock, and a failed one", async () => {
    const slow = fixtureJson("daily-papers-normal.json");
    upstream.days.set(today, { items: slow, delayMs: 500 });
    const first = runScheduled(ingestEntry, { log });
    await new Promise((resolve) => setTimeout(resolve, 100));
    await runScheduled(ingestEntry, { log });
    await first;
    expect(lines[0]).toMatch(/^scheduled ingest skipped: The ingest run \d+ \(schedule, started .+\) is still running\.$/);
    expect(lines[1]).toMatch(/^scheduled ingest run \d+ succeeded/);

    const failing = { ...ingestEntry, job: { ...ingestEntry.job, run: async () => Promise.reject(new Error("boom")) } };
    await runScheduled(failing, { log });
    expect(lines[2]).toBe("scheduled ingest failed: boom");
    const [run] = await listIngestionRuns();
    expect(run).toMatchObject({ status: "failed", error: "boom" });
  });
});
