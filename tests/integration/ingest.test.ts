import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { jobRuns, organizations, papers } from "@/db/schema";
import { runIngestion, type IngestSettingsInput } from "@/server/ingest/run";
import { JobBusyError } from "@/server/jobs/job";
import { FakeUpstream, fixtureJson, fixtureText, generatedItems } from "../helpers/fake-upstream";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";
import { getRunningIngestionRun, listIngestionRuns } from "../helpers/runs";

const DAY = "2026-01-05";
const NEXT_DAY = "2026-01-06";

let upstream: FakeUpstream;
let sleeps: number[];

/** Short timeouts and delays, with every requested wait recorded. */
function settings(overrides: IngestSettingsInput = {}): IngestSettingsInput {
  return {
    hfApiUrl: upstream.hfUrl,
    arxivApiUrl: upstream.arxivUrl,
    arxivPauseMs: 20,
    ...overrides,
    http: {
      timeoutMs: 300,
      retries: 2,
      baseDelayMs: 5,
      maxDelayMs: 5_000,
      sleep: (ms) => {
        sleeps.push(ms);
        return new Promise((resolve) => setTimeout(resolve, Math.min(ms, 250)));
      },
      ...overrides.http,
    },
  };
}

const ingest = (from: string, to = from, overrides: IngestSettingsInput = {}) =>
  runIngestion({ range: { from, to }, trigger: "cli", settings: settings(overrides) });

async function paperRows(ids: string[]) {
  const db = await getDb();
  const rows = await db.select().from(papers).where(inArray(papers.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

const normalItems = () => fixtureJson("daily-papers-normal.json");

beforeAll(async () => {
  upstream = await new FakeUpstream().start();
});

afterAll(async () => {
  await upstream.stop();
});

beforeEach(async () => {
  await resetDatabase();
  upstream.reset();
  sleeps = [];
});

describe("a normal day", () => {
  it("stores every paper with the Daily Papers fields and arXiv's authors, categories and PDF link", async () => {
    upstream.days.set(DAY, { items: normalItems() });

    const result = await ingest(DAY);

    expect(result.status).toBe("succeeded");
    expect(result.days).toEqual([{ date: DAY, fetched: 3, inserted: 3, updated: 0, rejected: 0 }]);
    const rows = await paperRows(["2601.00001", "2601.00002", "2601.00003"]);
    expect(rows.size).toBe(3);

    const first = rows.get("2601.00001")!;
    expect(first).toMatchObject({
      title: "Sparse Mixtures of Tiny Experts",
      abstract: "We show that many tiny experts beat a few big ones.\nThe second line of the abstract.",
      authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen"],
      authorCount: 3,
      publishedAt: "2026-01-02",
      listedOn: DAY,
      sourceUpvotes: 42,
      voteCount: 0,
      upvotes: 42,
      numComments: 3,
      thumbnail: "https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2601.00001.png",
      githubRepo: "https://github.com/example/tiny-experts",
      githubStars: 1234,
      projectPage: "https://example.org/tiny-experts",
      aiSummary: "Many tiny experts outperform few large experts.",
      aiKeywords: ["mixture of experts", "sparsity"],
      categories: ["cs.LG", "cs.CL", "stat.ML"],
      primaryCategory: "cs.LG",
      pdfUrl: "https://arxiv.org/pdf/2601.00001v2",
      organizationName: "tiny-labs",
      submittedByName: "adarev",
      submittedByFullname: "Ada Reviewer",
      submittedByAvatar: `${upstream.hfUrl}/avatars/0123456789abcdef.svg`,
    });
    expect(first.submittedOnDailyAt?.toISOString()).toBe("2026-01-05T01:12:34.567Z");
    expect(first.arxivFetchedAt).toBeInstanceOf(Date);

    expect(rows.get("2601.00002")).toMatchObject({ organizationName: "liskov-group", primaryCategory: "cs.AI" });
    expect(rows.get("2601.00003")).toMatchObject({
      title: "Messages All the Way Down",
      authors: ["Alan Kay", "Dan Ingalls", "Adele Goldberg", "Ted Kaehler"],
      githubStars: null,
      projectPage: null,
      organizationName: null,
    });

    const db = await getDb();
    const orgs = await db.select().from(organizations).orderBy(organizations.name);
    expect(orgs.map((o) => [o.name, o.fullname, o.avatar])).toEqual([
      ["liskov-group", "Liskov Group", null],
      ["tiny-labs", "Tiny Labs", "https://cdn-avatars.huggingface.co/v1/production/uploads/tiny.png"],
    ]);

    const [run] = await listIngestionRuns();
    expect(run).toMatchObject({ id: result.runId, status: "succeeded", trigger: "cli", error: null });
    expect(run?.params).toEqual({ from: DAY, to: DAY });
    expect(run?.result.days).toEqual(result.days);
    expect(run?.finishedAt).toBeInstanceOf(Date);
  });

  it("asks arXiv one request at a time, in batches, pausing between requests", async () => {
    upstream.days.set(DAY, { items: normalItems() });

    await ingest(DAY, DAY, { arxivBatchSize: 2, arxivPauseMs: 200 });

    const asked = upstream.arxivRequests();
    expect(asked.map((r) => r.params.get("id_list"))).toEqual(["2601.00001,2601.00002", "2601.00003"]);
    expect(asked.map((r) => r.params.get("max_results"))).toEqual(["2", "1"]);
    expect(upstream.arxivMaxInFlight).toBe(1);
    expect(asked[1]!.at - asked[0]!.at).toBeGreaterThanOrEqual(150);
    expect((await paperRows(["2601.00003"])).get("2601.00003")?.primaryCategory).toBe("cs.PL");
  });
});

describe("re-running", () => {
  it("duplicates nothing, changes nothing and does not ask arXiv again", async () => {
    upstream.days.set(DAY, { items: normalItems() });
    await ingest(DAY);
    const before = await paperRows(["2601.00001", "2601.00002", "2601.00003"]);
    const arxivAsked = upstream.arxivRequests().length;

    const again = await ingest(DAY);

    expect(again.days).toEqual([{ date: DAY, fetched: 3, inserted: 0, updated: 0, rejected: 0 }]);
    expect(upstream.arxivRequests().length).toBe(arxivAsked);
    const after = await paperRows(["2601.00001", "2601.00002", "2601.00003"]);
    expect(after).toEqual(before);
    const db = await getDb();
    expect((await db.select().from(papers)).length).toBe(3);
    expect((await db.select().from(jobRuns)).length).toBe(2);
  });

  it("refreshes what changed upstream and keeps arXiv's author list", async () => {
    upstream.days.set(DAY, { items: normalItems() });
    await ingest(DAY);
    const changed = normalItems() as Array<{ paper: Record<string, unknown>; numComments?: number }>;
    changed[0]!.paper.upvotes = 99;
    changed[0]!.paper.githubStars = 2000;
    changed[0]!.numComments = 8;
    upstream.days.set(DAY, { items: changed });

    const again = await ingest(DAY);

    expect(again.days[0]).toMatchObject({ fetched: 3, inserted: 0, updated: 1 });
    const row = (await paperRows(["2601.00001"])).get("2601.00001");
    expect(row).toMatchObject({
      sourceUpvotes: 99,
      githubStars: 2000,
      numComments: 8,
      authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen"],
      categories: ["cs.LG", "cs.CL", "stat.ML"],
    });
  });

  it("never touches users' votes", async () => {
    await insertPapers([makePaper({ id: "2601.00001", title: "Old title", listedOn: DAY, sourceUpvotes: 1, voteCount: 5 })]);
    upstream.days.set(DAY, { items: normalItems() });

    const result = await ingest(DAY);

    expect(result.days[0]).toMatchObject({ inserted: 2, updated: 1 });
    const row = (await paperRows(["2601.00001"])).get("2601.00001");
    expect(row).toMatchObject({ title: "Sparse Mixtures of Tiny Experts", sourceUpvotes: 42, voteCount: 5, upvotes: 47 });
  });
});

describe("paging", () => {
  it("follows pages until a short one and counts papers repeated across pages once", async () => {
    const items = generatedItems(250);
    // Page 1 repeats the last two papers of page 0, as a feed that shifts while being read does.
    const served = [...items.slice(0, 100), items[98], items[99], ...items.slice(100, 198), ...items.slice(198)];
    upstream.days.set(DAY, { items: served });

    const result = await ingest(DAY);

    expect(result.days).toEqual([{ date: DAY, fetched: 250, inserted: 250, updated: 0, rejected: 0 }]);
    const asked = upstream.hfRequests(DAY).map((r) => [r.params.get("p"), r.params.get("limit")]);
    expect(asked).toEqual([
      ["0", "100"],
      ["1", "100"],
      ["2", "100"],
    ]);
    const db = await getDb();
    expect((await db.select().from(papers)).length).toBe(250);
  });

  it("stops when a full page brings nothing new, as a feed that ignores p would", async () => {
    const page = generatedItems(100);
    // Every page answers with the same 100 papers.
    upstream.days.set(DAY, { items: [...page, ...page, ...page, ...page] });

    const result = await ingest(DAY);

    expect(result.days[0]).toMatchObject({ fetched: 100, inserted: 100 });
    expect(upstream.hfRequests(DAY).length).toBe(2);
  });
});

describe("bad items", () => {
  it("rejects items without id or title, with the reason, and keeps the rest", async () => {
    upstream.days.set(DAY, { items: fixtureJson("daily-papers-missing-fields.json") });

    const result = await ingest(DAY);

    expect(result.status).toBe("succeeded");
    const [day] = result.days;
    expect(day).toMatchObject({ date: DAY, fetched: 7, inserted: 2, updated: 0, rejected: 5 });
    expect(day?.rejections).toEqual([
      "item 1: missing paper.id",
      "item 2: 2601.00013: missing title",
      'item 3: paper.id "../../etc/passwd" is not an arXiv id',
      "item 4: not a paper item (no `paper` object)",
      "item 5: not a paper item (no `paper` object)",
    ]);
    const rows = await paperRows(["2601.00011", "2601.00013", "2601.00017"]);
    expect([...rows.keys()].sort()).toEqual(["2601.00011", "2601.00017"]);
    expect(rows.get("2601.00017")).toMatchObject({
      authors: ["Kept Author"],
      sourceUpvotes: 0,
      numComments: null,
      publishedAt: null,
      aiKeywords: null,
      submittedByName: null,
    });
    const [run] = await listIngestionRuns();
    expect(run?.result.days[0]?.rejections).toHaveLength(5);
  });

  it("drops or cuts out-of-bounds fields item by item and saves the rest of the day", async () => {
    const [template] = generatedItems(1) as Array<{ paper: Record<string, unknown> } & Record<string, unknown>>;
    const item = (id: string, paper: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
      ...template,
      ...extra,
      paper: { ...template!.paper, id, title: `Hostile ${id}`, ...paper },
    });
    upstream.days.set(DAY, {
      items: [
        item("2601.30001", { publishedAt: "10000-01-01" }),
        item("2601.30002", { publishedAt: "0000-01-01", submittedOnDailyAt: "+275760-09-13T00:00:00Z" }),
        item("2601.30003", { publishedAt: "+275760-09-13T00:00:00Z" }),
        item("2601.30004", {}, { organization: { name: "o".repeat(3000), fullname: "Too long" } }),
        item("2601.30005", { summary: `${"Words of a very long abstract. ".repeat(40_000)}` }),
        item("2601.30006", {}),
      ],
    });

    const result = await ingest(DAY);

    expect(result.status).toBe("succeeded");
    const day = result.days[0]!;
    expect(day).toMatchObject({ fetched: 6, inserted: 6, rejected: 0, adjusted: 5 });
    expect(day.adjustments).toEqual([
      'item 0 (2601.30001): publishedAt dropped: "10000-01-01" is not a day between 1990 and 2999',
      'item 1 (2601.30002): publishedAt dropped: "0000-01-01" is not a day between 1990 and 2999',
      'item 1 (2601.30002): submittedOnDailyAt dropped: "+275760-09-13T00:00:00Z" is not a time between 1990 and 2999',
      'item 2 (2601.30003): publishedAt dropped: "+275760-09-13T00:00:00Z" is not a day between 1990 and 2999',
      "item 3 (2601.30004): organization dropped: name of 3,000 characters (at most 100)",
      "item 4 (2601.30005): abstract cut from 1,239,999 to 20,000 characters",
    ]);
    const rows = await paperRows(["2601.30001", "2601.30002", "2601.30003", "2601.30004", "2601.30005", "2601.30006"]);
    expect(rows.size).toBe(6);
    expect(rows.get("2601.30001")?.publishedAt).toBeNull();
    expect(rows.get("2601.30004")?.organizationName).toBeNull();
    expect(rows.get("2601.30005")?.abstract).toHaveLength(20_000);
    const [run] = await listIngestionRuns();
    expect(run?.result.days[0]?.adjustments).toHaveLength(6);
  });
});

describe("upstream faults", () => {
  it("retries 5xx with exponential backoff and then succeeds", async () => {
    upstream.days.set(DAY, { items: normalItems(), steps: [{ status: 500 }, { status: 503 }] });

    const result = await ingest(DAY);

    expect(result.days[0]).toMatchObject({ inserted: 3, rejected: 0 });
    expect(result.days[0]?.error).toBeUndefined();
    expect(upstream.hfRequests(DAY).length).toBe(3);
    expect(sleeps.slice(0, 2)).toEqual([5, 10]);
  });

  it("waits as long as Retry-After asks on 429", async () => {
    upstream.days.set(DAY, { items: normalItems(), steps: [{ status: 429, headers: { "Retry-After": "1" } }] });

    const result = await ingest(DAY);

    expect(result.status).toBe("succeeded");
    expect(result.days[0]?.inserted).toBe(3);
    expect(sleeps[0]).toBe(1000);
  });

  it("gives up after bounded retries and fails only that day", async () => {
    upstream.days.set(DAY, { items: normalItems() });
    upstream.days.set(NEXT_DAY, { items: [], steps: [{ status: 502 }, { status: 502 }, { status: 502 }] });

    const result = await ingest(DAY, NEXT_DAY);

    expect(result.status).toBe("partial");
    expect(result.days.map((d) => d.date)).toEqual([NEXT_DAY, DAY]);
    expect(result.days[0]?.error).toMatch(/HTTP 502 \(after 3 attempts\)/);
    expect(result.days[1]).toMatchObject({ inserted: 3 });
    expect(upstream.hfRequests(NEXT_DAY).length).toBe(3);
  });

  it("does not retry a 404", async () => {
    upstream.days.set(DAY, { items: [], steps: [{ status: 404, body: "no such day" }] });

    const result = await ingest(DAY);

    expect(result.status).toBe("failed");
    expect(result.days[0]?.error).toMatch(/HTTP 404$/);
    expect(upstream.hfRequests(DAY).length).toBe(1);
  });

  it("retries a request that times out", async () => {
    upstream.days.set(DAY, { items: normalItems(), steps: [{ delayMs: 1_000 }] });

    const result = await ingest(DAY);

    expect(result.days[0]).toMatchObject({ inserted: 3 });
    expect(upstream.hfRequests(DAY).length).toBe(2);
  });

  it("fails the day when every attempt times out", async () => {
    upstream.days.set(DAY, { items: normalItems(), delayMs: 1_000 });

    const result = await ingest(DAY);

    expect(result.status).toBe("failed");
    expect(result.days[0]?.error).toMatch(/timed out after 300 ms \(after 3 attempts\)/);
    const db = await getDb();
    expect((await db.select().from(papers)).length).toBe(0);
  });
});

describe("oversized and redirected answers", () => {
  it("refuses a body over the size cap without retrying, failing only that day", async () => {
    upstream.days.set(DAY, { items: generatedItems(30) });
    upstream.days.set(NEXT_DAY, { items: generatedItems(1, { idBase: 40000 }) });

    const result = await ingest(DAY, NEXT_DAY, { http: { maxBodyBytes: 4_000 } });

    expect(result.days.find((d) => d.date === DAY)?.error).toMatch(/over the 4000-byte limit/);
    expect(result.days.find((d) => d.date === NEXT_DAY)).toMatchObject({ inserted: 1 });
    expect(upstream.hfRequests(DAY)).toHaveLength(1);
  });

  it("follows a redirect to the same host and refuses one to another host", async () => {
    upstream.days.set(DAY, {
      items: generatedItems(2),
      steps: [{ status: 302, headers: { location: `${upstream.hfUrl}/api/daily_papers?date=${DAY}&limit=100&p=0&again=1` } }],
    });
    upstream.days.set(NEXT_DAY, {
      items: generatedItems(2, { idBase: 40000 }),
      steps: [{ status: 301, headers: { location: `http://localhost:1/api/daily_papers?date=${NEXT_DAY}` } }],
    });

    const result = await ingest(DAY, NEXT_DAY);

    expect(result.days.find((d) => d.date === DAY)).toMatchObject({ inserted: 2 });
    expect(result.days.find((d) => d.date === NEXT_DAY)?.error).toMatch(/redirected to another host \(localhost:1\); not followed/);
  });
});

describe("malformed pages", () => {
  it("fails the day on malformed JSON, records why, and leaves other days and existing data as they were", async () => {
    await insertPapers([makePaper({ id: "2601.00021", title: "Existing", listedOn: NEXT_DAY, sourceUpvotes: 9 })]);
    const [existing] = [...(await paperRows(["2601.00021"])).values()];
    upstream.days.set(DAY, { items: normalItems() });
    upstream.days.set(NEXT_DAY, { items: [], steps: [{ status: 200, body: fixtureText("daily-papers-malformed.json") }] });

    const result = await ingest(DAY, NEXT_DAY);

    expect(result.status).toBe("partial");
    const failed = result.days.find((d) => d.date === NEXT_DAY);
    expect(failed).toMatchObject({ fetched: 0, inserted: 0, updated: 0 });
    expect(failed?.error).toMatch(/Daily Papers 2026-01-06 page 0: malformed JSON/);
    expect(result.days.find((d) => d.date === DAY)).toMatchObject({ inserted: 3 });
    expect((await paperRows(["2601.00021"])).get("2601.00021")).toEqual(existing);

    const [run] = await listIngestionRuns();
    expect(run?.status).toBe("partial");
    expect(run?.error).toMatch(/^2026-01-06: Daily Papers 2026-01-06 page 0: malformed JSON/);
  });

  it("fails the day when a page is not a list of papers", async () => {
    upstream.days.set(DAY, {
      items: [],
      steps: [{ status: 200, headers: { "Content-Type": "application/json" }, body: '{"error":"Invalid date"}' }],
    });

    const result = await ingest(DAY);

    expect(result.status).toBe("failed");
    expect(result.days[0]?.error).toMatch(/expected a list of papers, got an object/);
  });

  it("fails a later page of a day without writing the earlier pages", async () => {
    const items = generatedItems(150);
    upstream.days.set(DAY, { items, steps: [{}, { status: 200, body: "[{" }] });

    const result = await ingest(DAY);

    expect(result.days[0]?.error).toMatch(/page 1: malformed JSON/);
    const db = await getDb();
    expect((await db.select().from(papers)).length).toBe(0);
  });

  it("keeps the rest of the day when the database refuses one paper, naming it and why", async () => {
    const db = await getDb();
    await db.execute(sql`create or replace function ingest_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'refused by test trigger'; end $$`);
    await db.execute(sql`create trigger ingest_test_refuse before insert on papers for each row
      when (new.id = '2601.00002') execute function ingest_test_refuse()`);
    try {
      upstream.days.set(DAY, { items: normalItems() });
      upstream.days.set(NEXT_DAY, { items: generatedItems(2) });

      const result = await ingest(DAY, NEXT_DAY);

      expect(result.status).toBe("succeeded");
      const day = result.days.find((d) => d.date === DAY)!;
      expect(day).toMatchObject({ fetched: 3, inserted: 2, rejected: 1 });
      expect(day.rejections).toEqual([expect.stringMatching(/^2601\.00002: refused by the database: refused by test trigger/)]);
      expect(result.days.find((d) => d.date === NEXT_DAY)).toMatchObject({ inserted: 2 });
      expect([...(await paperRows(["2601.00001", "2601.00002", "2601.00003"])).keys()].sort()).toEqual(["2601.00001", "2601.00003"]);
    } finally {
      await db.execute(sql`drop trigger if exists ingest_test_refuse on papers`);
      await db.execute(sql`drop function if exists ingest_test_refuse()`);
    }
  });

  it("keeps papers without their organization when the database refuses the organization", async () => {
    const db = await getDb();
    await db.execute(sql`create or replace function ingest_test_refuse() returns trigger language plpgsql as $$
      begin raise exception 'the store is read-only today'; end $$`);
    await db.execute(sql`create trigger ingest_test_refuse after insert on organizations for each statement
      execute function ingest_test_refuse()`);
    try {
      upstream.days.set(DAY, { items: normalItems() });
      const result = await ingest(DAY);
      expect(result.days[0]).toMatchObject({ inserted: 3, rejected: 0 });
      const orgs = await db.select().from(organizations).where(eq(organizations.name, "liskov-group"));
      expect(orgs).toEqual([]);
      expect((await paperRows(["2601.00001"])).get("2601.00001")?.organizationName).toBeNull();
    } finally {
      await db.execute(sql`drop trigger if exists ingest_test_refuse on organizations`);
      await db.execute(sql`drop function if exists ingest_test_refuse()`);
    }
  });
});

describe("arXiv is optional", () => {
  it("saves the day from Daily Papers alone when arXiv fails, and fills arXiv fields on a later run", async () => {
    upstream.days.set(DAY, { items: normalItems() });
    upstream.arxivSteps.push({ status: 500 }, { status: 500 }, { status: 500 });

    const first = await ingest(DAY);

    expect(first.status).toBe("succeeded");
    expect(first.days[0]).toMatchObject({ inserted: 3 });
    expect(first.days[0]?.warning).toMatch(/^arXiv skipped: .*HTTP 500/);
    const before = (await paperRows(["2601.00001"])).get("2601.00001");
    expect(before).toMatchObject({ authors: ["Grace Hopper", "Edsger Dijkstra"], categories: null, arxivFetchedAt: null });

    const second = await ingest(DAY);

    expect(second.days[0]).toMatchObject({ inserted: 0, updated: 3 });
    expect((await paperRows(["2601.00001"])).get("2601.00001")).toMatchObject({
      authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen"],
      primaryCategory: "cs.LG",
    });
  });

  it("treats malformed XML from arXiv as arXiv being unavailable", async () => {
    upstream.days.set(DAY, { items: normalItems() });
    upstream.arxivSteps.push({ status: 200, body: "<feed><entry></feed>" });

    const result = await ingest(DAY);

    expect(result.status).toBe("succeeded");
    expect(result.days[0]?.warning).toMatch(/malformed XML/);
    expect(result.days[0]?.inserted).toBe(3);
  });
});

describe("one run at a time", () => {
  it("refuses a second run while one is running, naming the running run", async () => {
    upstream.days.set(DAY, { items: normalItems(), delayMs: 150 });

    const first = ingest(DAY);
    let running = await getRunningIngestionRun();
    for (let i = 0; !running && i < 100; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      running = await getRunningIngestionRun();
    }
    expect(running).not.toBeNull();

    const second = ingest(DAY);
    await expect(second).rejects.toBeInstanceOf(JobBusyError);
    await expect(second).rejects.toThrow(`The ingest run ${running!.id} (cli, started`);

    const done = await first;
    expect(done).toMatchObject({ runId: running!.id, status: "succeeded" });
    // The lock is released: the next run goes ahead.
    upstream.days.set(DAY, { items: normalItems() });
    expect((await ingest(DAY)).status).toBe("succeeded");
    const runs = await listIngestionRuns();
    expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("marks a run left running by a dead process as interrupted", async () => {
    const db = await getDb();
    await db.insert(jobRuns).values({ job: "ingest", trigger: "schedule", params: { from: DAY, to: DAY } });
    upstream.days.set(DAY, { items: [] });

    await ingest(DAY);

    const runs = await listIngestionRuns();
    expect(runs.map((r) => r.status).sort()).toEqual(["failed", "succeeded"]);
    expect(runs.find((r) => r.status === "failed")?.error).toMatch(/^interrupted/);
  });
});
