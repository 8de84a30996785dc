import { sql } from "drizzle-orm";
import Parser from "rss-parser";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";

// Links must come from the public URL, never from the host a request came to (lib/env.ts reads
// the environment once, on import, so it is set before anything loads).
const SITE = "https://papers.example.org";
const INTERNAL = "http://10.0.0.7:3000";
vi.stubEnv("AUTH_URL", SITE);

const { getDb, rowsOf } = await import("@/db");
const { papers } = await import("@/db/schema");
const { GET: listingRoute } = await import("@/app/feeds/[feed]/route");
const { GET: orgRoute } = await import("@/app/feeds/org/[name]/route");
const { GET: authorRoute } = await import("@/app/feeds/author/[name]/route");
const { GET: categoryRoute } = await import("@/app/feeds/category/[name]/route");
const { GET: meRoute } = await import("@/app/feeds/me/[token]/route");
const { GET: tokenGet, POST: tokenPost } = await import("@/app/api/feed-token/route");
const { loadTrending } = await import("@/server/papers");
const { createSignedInUser } = await import("../helpers/auth");
const { insertPapers, makePaper, resetDatabase } = await import("../helpers/db");

const db = await getDb();
const parser = new Parser();

afterAll(() => {
  vi.unstubAllEnvs();
});

// Not three days apart: trending halves a score every three days, and exact ties could fall
// either way between two readings of the ranking.
const DAYS = ["2026-03-24", "2026-03-23", "2026-03-19"] as const;
const HOSTILE_TITLE = `Fish & Chips <think> ]]> twice ]]> thrice]]>]]]> "quoted" 'single' 🦜 \u0001bell\u000Bvt end`;
const HOSTILE_ABSTRACT = `A < B && C > D ]]> <script>alert(1)</script> “curly” 🧪 \u0008\u000C\u001F done`;
/** What XML 1.0 cannot carry at all. */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const clean = (text: string) => text.replace(new RegExp(NOT_XML.source, "g"), "");
const unescapeHtml = (html: string) =>
  html
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");

beforeEach(async () => {
  await resetDatabase();
  await insertPapers(
    [
      makePaper({
        id: "2603.00001",
        title: "KV cache quantization",
        listedOn: DAYS[0],
        sourceUpvotes: 100,
        organizationName: "acme",
        categories: ["cs.CL", "cs.AI"],
        authors: ["Grace Hopper", "Ada Lovelace"],
        aiSummary: "Quantizes the cache & keeps accuracy.",
        githubRepo: "https://github.com/acme/kv",
        projectPage: "https://acme.example/kv",
        pdfUrl: "https://arxiv.org/pdf/2603.00001v2",
      }),
      makePaper({
        id: "2603.00002",
        title: HOSTILE_TITLE,
        abstract: HOSTILE_ABSTRACT,
        listedOn: DAYS[0],
        sourceUpvotes: 99,
        categories: ["cs.CL"],
      }),
      makePaper({
        id: "2603.00003",
        title: "Old quantization",
        listedOn: DAYS[2],
        sourceUpvotes: 500,
        categories: ["cs.LG"],
        authors: ["Grace Hopper"],
      }),
      makePaper({
        id: "2603.00004",
        title: "Unlisted quantization",
        listedOn: null,
        publishedAt: "2026-03-01",
        organizationName: "acme",
        categories: ["cs.LG"],
      }),
      // The sample corpus names no authors, only how many there are.
      makePaper({ id: "2603.00005", title: "Nameless authors", authors: [], authorCount: 7, listedOn: DAYS[1], categories: ["cs.CL"] }),
      ...Array.from({ length: 58 }, (_, i) => makePaper({ listedOn: DAYS[i % 3], sourceUpvotes: i, categories: ["cs.CV"] })),
    ],
    [
      { name: "acme", fullname: "Acme Research" },
      { name: "empty-org", fullname: "Nobody" },
    ],
  );
});

/** GETs a feed path through its route handler, as the server would hand it over. */
function fetchFeed(path: string, headers: Record<string, string> = {}): Promise<Response> {
  const url = new URL(path, INTERNAL);
  const request = new Request(url, { headers });
  const [first, segment] = url.pathname.split("/").slice(2) as [string, string | undefined];
  if (segment === undefined) return listingRoute(request, { params: Promise.resolve({ feed: first }) });
  if (first === "me") return meRoute(request, { params: Promise.resolve({ token: segment }) });
  const route = { org: orgRoute, author: authorRoute, category: categoryRoute }[first]!;
  return route(request, { params: Promise.resolve({ name: segment }) });
}

const LISTED_ORDER = sql.raw("order by listed_on desc nulls last, upvotes desc, published_at desc nulls last, id");

/** Ids in the documented listing order, computed the slow way, straight from the table. */
async function idsWhere(where: ReturnType<typeof sql>, limit = 100): Promise<string[]> {
  return rowsOf<{ id: string }>(await db.execute(sql`select id from papers where ${where} ${LISTED_ORDER} limit ${limit}`)).map(
    (r) => r.id,
  );
}

interface ReadItem {
  id: string;
  title: string;
  link: string;
  date: string;
  html: string;
}

interface ReadFeed {
  response: Response;
  body: string;
  title: string;
  link: string;
  self: string;
  updated: string;
  items: ReadItem[];
}

/** A feed fetched and parsed with a real parser (rss-parser for RSS and Atom), in one shape. */
async function readFeed(path: string): Promise<ReadFeed> {
  const response = await fetchFeed(path);
  expect(response.status, path).toBe(200);
  const body = await response.text();
  const format = new URL(path, INTERNAL).pathname.split(".").at(-1);
  if (format === "json") {
    const json = JSON.parse(body);
    expect(json.version).toBe("https://jsonfeed.org/version/1.1");
    expect(typeof json.title).toBe("string");
    expect(Array.isArray(json.items)).toBe(true);
    for (const item of json.items) {
      expect(typeof item.id).toBe("string");
      expect(typeof (item.content_text ?? item.content_html)).toBe("string");
    }
    return {
      response,
      body,
      title: json.title,
      link: json.home_page_url,
      self: json.feed_url,
      updated: "",
      items: json.items.map((i: Record<string, string>) => ({
        id: i.id,
        title: i.title,
        link: i.url,
        date: i.date_published,
        html: i.content_html,
      })),
    };
  }
  expect(body).not.toMatch(NOT_XML);
  const feed = await parser.parseString(body);
  return {
    response,
    body,
    title: feed.title ?? "",
    link: feed.link ?? "",
    self: feed.feedUrl ?? "",
    updated: feed.lastBuildDate,
    items: feed.items.map((i) => ({
      // RSS's guid is the paper id; Atom's id is the paper's page (an IRI).
      id: format === "atom" ? i.id.replace(`${SITE}/papers/`, "") : (i.guid ?? ""),
      title: format === "atom" ? unescapeHtml(i.title ?? "") : (i.title ?? ""),
      link: i.link ?? "",
      date: i.isoDate ?? "",
      html: format === "atom" ? (i.content ?? "") : (i["content:encoded"] ?? ""),
    })),
  };
}

const FORMATS = [
  { ext: "xml", type: "application/rss+xml; charset=utf-8" },
  { ext: "atom", type: "application/atom+xml; charset=utf-8" },
  { ext: "json", type: "application/feed+json; charset=utf-8" },
] as const;

async function dayOf(id: string): Promise<string> {
  const [row] = rowsOf<{ day: string }>(
    await db.execute(sql`select coalesce(listed_on, published_at)::text as day from papers where id = ${id}`),
  );
  return `${row!.day}T00:00:00.000Z`;
}

describe("public feeds", () => {
  it("daily: the latest listing days, most upvoted first within a day, 50 by default, ?limit= up to 100, in all three formats", async () => {
    const all = await idsWhere(sql`listed_on is not null`);
    expect(all).toHaveLength(62);
    for (const { ext, type } of FORMATS) {
      const feed = await readFeed(`/feeds/daily.${ext}`);
      expect(feed.response.headers.get("content-type")).toBe(type);
      expect(feed.response.headers.get("cache-control")).toBe("public, s-maxage=60, stale-while-revalidate=300");
      expect(feed.items.map((i) => i.id)).toEqual(all.slice(0, 50));
      expect(feed.title).toBe("Daily Papers");
      expect(feed.link).toBe(`${SITE}/`);
      expect(feed.self).toBe(`${SITE}/feeds/daily.${ext}`);
      for (const item of feed.items) {
        expect(item.link).toBe(`${SITE}/papers/${item.id}`);
        expect(item.date).toBe(await dayOf(item.id));
      }
      expect((await readFeed(`/feeds/daily.${ext}?limit=100`)).items.map((i) => i.id)).toEqual(all);
      expect((await readFeed(`/feeds/daily.${ext}?limit=3`)).items.map((i) => i.id)).toEqual(["2603.00001", "2603.00002", all[2]]);
    }
  });

  it("gives each item its abstract, AI summary, authors, categories, links, and the feed its updated date", async () => {
    const rss = await parser.parseString(await (await fetchFeed("/feeds/daily.xml")).text());
    const item = rss.items.find((i) => i.guid === "2603.00001")!;
    expect(item.guid).toBe("2603.00001");
    expect(item.creator).toBe("Grace Hopper");
    expect(item.categories).toEqual(["cs.CL", "cs.AI"]);
    expect(item.contentSnippet).toBe("Quantizes the cache & keeps accuracy.");
    for (const link of [
      `${SITE}/papers/2603.00001`,
      "https://arxiv.org/abs/2603.00001",
      "https://arxiv.org/pdf/2603.00001v2",
      "https://github.com/acme/kv",
      "https://acme.example/kv",
    ]) {
      expect(item["content:encoded"]).toContain(`href="${link}"`);
    }
    const [newest] = rowsOf<{ at: string }>(await db.execute(sql`select max(updated_at) as at from papers where listed_on is not null`));
    expect(new Date(rss.lastBuildDate).getTime()).toBe(Math.floor(new Date(newest!.at).getTime() / 1000) * 1000);

    const atom = await parser.parseString(await (await fetchFeed("/feeds/daily.atom")).text());
    const entry = atom.items.find((i) => i.id === `${SITE}/papers/2603.00001`)!;
    expect(entry.author).toBe("Grace Hopper");
    expect(entry.summary).toBe("Quantizes the cache &amp; keeps accuracy.");
    expect(atom.feedUrl).toBe(`${SITE}/feeds/daily.atom`);

    const json = await (await fetchFeed("/feeds/daily.json")).json();
    const first = json.items[0];
    expect(first).toMatchObject({
      id: "2603.00001",
      url: `${SITE}/papers/2603.00001`,
      external_url: "https://arxiv.org/abs/2603.00001",
      summary: "Quantizes the cache & keeps accuracy.",
      authors: [{ name: "Grace Hopper" }, { name: "Ada Lovelace" }],
      tags: ["cs.CL", "cs.AI"],
      date_published: "2026-03-24T00:00:00.000Z",
      _daily_papers: {
        arxiv_url: "https://arxiv.org/abs/2603.00001",
        pdf_url: "https://arxiv.org/pdf/2603.00001v2",
        code_url: "https://github.com/acme/kv",
        project_url: "https://acme.example/kv",
      },
    });
    expect(first.content_text).toContain("Abstract of test paper");
    expect(first.content_text).toContain("AI summary: Quantizes the cache & keeps accuracy.");
    expect(first.author).toBeUndefined();
  });

  it("keeps hostile titles and abstracts readable: escaped where needed, characters XML cannot carry dropped", async () => {
    const title = clean(HOSTILE_TITLE);
    const abstract = clean(HOSTILE_ABSTRACT);
    for (const { ext } of FORMATS) {
      const feed = await readFeed(`/feeds/category/cs.CL.${ext}`);
      const item = feed.items.find((i) => i.id === "2603.00002")!;
      expect(item.title).toBe(title);
      // The abstract is text: written as HTML, its markup is escaped, never live.
      expect(item.html).toContain(`<p>${abstract.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")}</p>`);
      expect(item.html).not.toContain("<script>");
    }
    const json = await (await fetchFeed("/feeds/category/cs.CL.json")).json();
    expect(json.items.find((i: { id: string }) => i.id === "2603.00002").content_text).toContain(abstract);
  });

  it("reads an abstract's TeX: plain fields show its text with the link's URL once, the HTML keeps emphasis and one link", async () => {
    // Real abstracts from the bundled sample: Re-ttention's \\%, stray % and {url} after its URL; {\\emph compression}; a tie.
    const sample = (await import("@/db/sample/papers.json")).default as { id: string; abstract: string }[];
    const abstractOf = (id: string) => sample.find((p) => p.id === id)!.abstract;
    await insertPapers([
      makePaper({ id: "2603.00090", abstract: abstractOf("local-f6a129e163f9"), listedOn: DAYS[0], categories: ["q-bio.NC"] }),
      makePaper({ id: "2603.00091", abstract: abstractOf("local-4e43eeba7ab9"), listedOn: DAYS[0], categories: ["q-bio.NC"] }),
      makePaper({ id: "2603.00092", abstract: abstractOf("local-010bbfadad32"), listedOn: DAYS[0], categories: ["q-bio.NC"] }),
    ]);
    const url = "https://github.com/cccrrrccc/Re-ttention";
    for (const { ext } of FORMATS) {
      const feed = await readFeed(`/feeds/category/q-bio.NC.${ext}`);
      const html = feed.items.find((i) => i.id === "2603.00090")!.html;
      expect(html).toContain("requires as few as 3.1% of the tokens");
      expect(html).toContain("overheads. To address this concern");
      expect(html).not.toMatch(/\\%|\{/);
      expect(html.match(/<a href="https:\/\/github/g)).toHaveLength(1);
      expect(html).toContain(`<a href="${url}">${url}</a>`);
      expect(feed.items.find((i) => i.id === "2603.00091")!.html).toContain("spent on <em>compression</em> of the input");
    }
    const json = await (await fetchFeed("/feeds/category/q-bio.NC.json")).json();
    const item = json.items.find((i: { id: string }) => i.id === "2603.00090");
    expect(item.content_text).toContain("over 45% end-to-end and over 92% self-attention");
    expect(item.content_text).toContain(`Code available online here: ${url}\n`);
    expect(item.content_text).not.toMatch(/\\%|\{/);
    // The summary, the abstract's start, is its text too: "Models~(LLMs)" has a space.
    expect(json.items.find((i: { id: string }) => i.id === "2603.00092").summary).toContain(
      "generative Large Language Models (LLMs). However",
    );
    const emph = json.items.find((i: { id: string }) => i.id === "2603.00091");
    expect(emph.content_text).toContain("spent on compression of the input");
    expect(emph.content_text).not.toContain("\\emph");
  });

  it("trending: the momentum ranking", async () => {
    const expected = (await loadTrending({ limit: 50 })).map((p) => p.id);
    expect(expected.length).toBeGreaterThan(0);
    for (const { ext } of FORMATS) {
      const feed = await readFeed(`/feeds/trending.${ext}`);
      expect(feed.items.map((i) => i.id)).toEqual(expected);
      expect(feed.link).toBe(`${SITE}/papers/trending`);
    }
  });

  it("search: the newest matches of a query in the search syntax", async () => {
    const expected = await idsWhere(
      sql`search_vector @@ to_tsquery('english', 'quantization') and not search_vector @@ to_tsquery('english', 'old')`,
    );
    expect(expected).toEqual(["2603.00001", "2603.00004"]);
    for (const { ext } of FORMATS) {
      const feed = await readFeed(`/feeds/search.${ext}?q=${encodeURIComponent("quantization -old")}`);
      expect(feed.items.map((i) => i.id)).toEqual(expected);
      expect(feed.link).toBe(`${SITE}/papers?q=quantization+-old`);
      expect(feed.self).toBe(`${SITE}/feeds/search.${ext}?q=quantization+-old`);
    }
    const all = await readFeed("/feeds/search.xml?q=quantization&limit=2");
    expect(all.items.map((i) => i.id)).toEqual(["2603.00001", "2603.00003"]);
  });

  it("organization, author and category: the topic's newest papers", async () => {
    const cases = [
      {
        path: "org/acme",
        where: sql`organization_name = 'acme'`,
        title: "Papers from Acme Research · Daily Papers",
        page: "/papers/org/acme",
      },
      {
        path: "author/Grace%20Hopper",
        where: sql`'Grace Hopper' = any(authors)`,
        title: "Papers by Grace Hopper · Daily Papers",
        page: "/papers/author/Grace%20Hopper",
      },
      {
        path: "category/cs.CL",
        where: sql`categories @> array['cs.CL']`,
        title: "Papers in cs.CL · Daily Papers",
        page: "/papers/category/cs.CL",
      },
    ];
    for (const { path, where, title, page } of cases) {
      const expected = await idsWhere(where);
      expect(expected.length).toBeGreaterThan(1);
      for (const { ext } of FORMATS) {
        const feed = await readFeed(`/feeds/${path}.${ext}`);
        expect(feed.items.map((i) => i.id)).toEqual(expected);
        expect(feed.title).toBe(title);
        expect(feed.link).toBe(`${SITE}${page}`);
        expect(feed.self).toBe(`${SITE}/feeds/${path}.${ext}`);
        for (const item of feed.items) expect(item.date).toBe(await dayOf(item.id));
      }
    }
  });

  it("answers 404 for what is not there, 400 for bad parameters, naming them", async () => {
    const cases: [string, number, string?][] = [
      ["/feeds/org/nobody.xml", 404],
      ["/feeds/org/..%2Fetc.xml", 404],
      ["/feeds/org/empty-org.xml", 200],
      ["/feeds/category/math.AG.atom", 404],
      ["/feeds/category/not%20a%20category.json", 404],
      ["/feeds/author/Someone%20Without%20Papers.xml", 404],
      ["/feeds/author/%E0%A4%A.xml", 404],
      ["/feeds/org/acme", 404],
      ["/feeds/org/acme.html", 404],
      ["/feeds/weekly.xml", 404],
      ["/feeds/daily", 404],
      ["/feeds/me/not-a-token.xml", 404],
      ["/feeds/search.xml", 400, "q"],
      ["/feeds/search.xml?q=", 400, "q"],
      ["/feeds/search.xml?q=--%20**", 400, "must hold a word"],
      [`/feeds/search.xml?q=${"a".repeat(251)}`, 400, "at most 250"],
      ["/feeds/search.xml?q=ok&q=again", 400, "more than once"],
      ["/feeds/daily.xml?limit=0", 400, "limit"],
      ["/feeds/daily.xml?limit=101", 400, "limit"],
      ["/feeds/daily.json?limit=ten", 400, "limit"],
      ["/feeds/daily.xml?dat=2026-03-24", 400, '"dat"'],
      ["/feeds/org/acme.xml?p=2", 400, '"p"'],
    ];
    for (const [path, status, says] of cases) {
      const res = await fetchFeed(path);
      expect({ path, status: res.status }).toEqual({ path, status });
      if (status !== 200) {
        expect(res.headers.get("content-type")).toBe("text/html; charset=utf-8");
        if (says) expect(await res.text()).toContain(says.replace(/"/g, "&quot;"));
      }
    }
  });
});

describe("conditional requests", () => {
  it("answers 304 to a matching If-None-Match or an If-Modified-Since no older than the feed, and 200 once it changed", async () => {
    for (const path of ["/feeds/daily.xml", "/feeds/org/acme.atom", "/feeds/search.json?q=quantization"]) {
      const first = await fetchFeed(path);
      expect(first.status).toBe(200);
      const etag = first.headers.get("etag")!;
      const modified = first.headers.get("last-modified")!;
      expect(etag).toMatch(/^"[\w-]+"$/);
      expect(new Date(modified).toUTCString()).toBe(modified);

      const byEtag = await fetchFeed(path, { "if-none-match": etag });
      expect(byEtag.status).toBe(304);
      expect(await byEtag.text()).toBe("");
      expect(byEtag.headers.get("etag")).toBe(etag);
      expect(byEtag.headers.get("cache-control")).toBe("public, s-maxage=60, stale-while-revalidate=300");
      expect((await fetchFeed(path, { "if-none-match": `W/"other", ${etag}` })).status).toBe(304);
      expect((await fetchFeed(path, { "if-modified-since": modified })).status).toBe(304);
      expect((await fetchFeed(path, { "if-modified-since": new Date(Date.parse(modified) + 60_000).toUTCString() })).status).toBe(304);
      expect((await fetchFeed(path, { "if-modified-since": new Date(Date.parse(modified) - 1000).toUTCString() })).status).toBe(200);
      // If-None-Match decides when both are sent.
      expect((await fetchFeed(path, { "if-none-match": '"stale"', "if-modified-since": modified })).status).toBe(200);
    }

    const before = await fetchFeed("/feeds/daily.xml");
    const [etag, modified] = [before.headers.get("etag")!, before.headers.get("last-modified")!];
    await db.execute(sql`update ${papers} set title = 'KV cache quantization, revised', updated_at = now() where id = '2603.00001'`);
    const after = await fetchFeed("/feeds/daily.xml", { "if-none-match": etag });
    expect(after.status).toBe(200);
    expect(await after.text()).toContain("KV cache quantization, revised");
    expect((await fetchFeed("/feeds/daily.xml", { "if-modified-since": modified })).status).toBe(200);
    expect(Date.parse(after.headers.get("last-modified")!)).toBeGreaterThan(Date.parse(modified));
  });
});

describe("the private feed of my follows", () => {
  const tokenRequest = (method: "GET" | "POST", cookie?: string, origin = SITE) =>
    new Request(`${INTERNAL}/api/feed-token`, { method, headers: { origin, ...(cookie ? { cookie } : {}) } });

  async function myFeed(cookie: string): Promise<{ url: string; formats: Record<"rss" | "atom" | "json", string> }> {
    const res = await tokenGet(tokenRequest("GET", cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    return res.json();
  }

  const pathOf = (url: string) => url.replace(SITE, "");

  it("is made on first ask, holds my topics' newest papers, is private, and a reset makes the old address a 404", async () => {
    expect((await tokenGet(tokenRequest("GET"))).status).toBe(401);
    expect((await tokenPost(tokenRequest("POST"))).status).toBe(401);
    const me = await createSignedInUser();
    const other = await createSignedInUser();
    await db.execute(sql`insert into follows (id, user_id, kind, value) values
      (gen_random_uuid()::text, ${me.userId}, 'author', 'Grace Hopper'),
      (gen_random_uuid()::text, ${me.userId}, 'category', 'cs.CL'),
      (gen_random_uuid()::text, ${other.userId}, 'category', 'cs.CV')`);

    const mine = await myFeed(me.cookie);
    expect(mine.url).toBe(mine.formats.rss);
    expect(mine.url).toMatch(new RegExp(`^${SITE}/feeds/me/[A-Za-z0-9_-]{65}\\.xml$`));
    expect(mine.formats.atom).toBe(mine.url.replace(/\.xml$/, ".atom"));
    expect(mine.formats.json).toBe(mine.url.replace(/\.xml$/, ".json"));
    expect(await myFeed(me.cookie)).toEqual(mine);
    const theirs = await myFeed(other.cookie);
    expect(theirs.url).not.toBe(mine.url);

    const expected = await idsWhere(sql`'Grace Hopper' = any(authors) or categories @> array['cs.CL']`);
    for (const format of ["rss", "atom", "json"] as const) {
      const feed = await readFeed(pathOf(mine.formats[format]));
      expect(feed.items.map((i) => i.id)).toEqual(expected);
      expect(feed.response.headers.get("cache-control")).toBe("private, no-cache");
      expect(feed.self).toBe(mine.formats[format]);
      expect(feed.link).toBe(`${SITE}/papers/following`);
    }
    const etag = (await fetchFeed(pathOf(mine.url))).headers.get("etag")!;
    const notModified = await fetchFeed(pathOf(mine.url), { "if-none-match": etag });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("cache-control")).toBe("private, no-cache");

    // A token altered in any way is no token.
    const token = mine.url.match(/\/feeds\/me\/([^.]+)\.xml$/)![1]!;
    const altered = token.slice(0, -1) + (token.endsWith("A") ? "B" : "A");
    expect((await fetchFeed(`/feeds/me/${altered}.xml`)).status).toBe(404);
    expect((await fetchFeed(`/feeds/me/${token.slice(0, 22)}.xml`)).status).toBe(404);

    expect((await tokenPost(tokenRequest("POST", me.cookie, "https://evil.example"))).status).toBe(403);
    expect((await fetchFeed(pathOf(mine.url))).status).toBe(200);
    const reset = await tokenPost(tokenRequest("POST", me.cookie));
    expect(reset.status).toBe(200);
    const renewed = await reset.json();
    expect(renewed.url).not.toBe(mine.url);
    for (const format of ["rss", "atom", "json"] as const) {
      const gone = await fetchFeed(pathOf(mine.formats[format]));
      expect(gone.status).toBe(404);
      expect(await gone.text()).toContain("reset");
      expect((await fetchFeed(pathOf(renewed.formats[format]))).status).toBe(200);
    }
    expect(await myFeed(me.cookie)).toEqual(renewed);
    // Theirs is untouched.
    expect((await readFeed(pathOf(theirs.url))).items.map((i) => i.id)).toEqual(
      (await idsWhere(sql`categories @> array['cs.CV']`)).slice(0, 50),
    );
  });

  it("two first asks at once agree on one token", async () => {
    const me = await createSignedInUser();
    const [a, b] = await Promise.all([myFeed(me.cookie), myFeed(me.cookie)]);
    expect(a.url).toBe(b.url);
  });
});
