import { Agent, createServer, request, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
// The compression middleware Next.js's server wraps every response in, as it does.
import compression from "next/dist/compiled/compression";
import { afterEach, describe, expect, it } from "vitest";
import { ResponseCache, sharedFreshness } from "@/server/http/response-cache";

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A server like server/http/edge.ts: the cache first, then the app (here `handler`, behind Next's compression). */
async function serve(cache: ResponseCache, handler: Handler): Promise<{ origin: string; calls: () => number }> {
  let calls = 0;
  const compress = compression();
  server = createServer((req, res) =>
    cache.serve(req, res, () => {
      calls += 1;
      res.setHeader("X-Content-Type-Options", "nosniff");
      compress(req, res, () => handler(req, res));
    }),
  );
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return { origin: `http://127.0.0.1:${(server!.address() as AddressInfo).port}`, calls: () => calls };
}

const page =
  (cacheControl: string, body: string, extra: Record<string, string> = {}): Handler =>
  (_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": cacheControl, ...extra });
    // In pieces, as a rendered page streams.
    res.write(body.slice(0, 10));
    res.end(body.slice(10));
  };

/** Asks without Node's fetch adding Accept-Encoding behind our back. */
async function get(
  url: string,
  headers: Record<string, string> = {},
  agent?: Agent,
): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers as Record<string, string>, body: Buffer.concat(chunks) }),
      );
    });
    req.on("error", reject);
    req.end();
  });
}

/** The engine's collector, to measure what stays held rather than what is not yet collected. */
function exposedGc(): () => void {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
}

const BODY = `<!doctype html><title>Day</title><p>${"“papers” ".repeat(2000)}</p>`;

describe("the response cache", () => {
  it("sends a public page again from its bytes, with its headers, an Age and a mark", async () => {
    let now = 1_000_000;
    const app = await serve(new ResponseCache({ seconds: 5, now: () => now }), page("s-maxage=60, stale-while-revalidate=3540", BODY));
    const first = await get(`${app.origin}/papers/date/2026-03-24`);
    now += 2_400;
    const again = await get(`${app.origin}/papers/date/2026-03-24`);
    expect(app.calls()).toBe(1);
    expect(again.body.toString()).toBe(BODY);
    expect(again.body.equals(first.body)).toBe(true);
    expect(again.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(again.headers["cache-control"]).toBe("s-maxage=60, stale-while-revalidate=3540");
    expect(again.headers["x-content-type-options"]).toBe("nosniff");
    expect(again.headers["content-length"]).toBe(String(Buffer.byteLength(BODY)));
    expect(again.headers.age).toBe("2");
    expect(again.headers["x-response-cache"]).toBe("HIT");
    expect(first.headers["x-response-cache"]).toBeUndefined();
  });

  it("answers a conditional request its held response satisfies with 304 and no body", async () => {
    const modified = "Tue, 24 Mar 2026 06:00:00 GMT";
    const app = await serve(new ResponseCache(), page("public, s-maxage=60", BODY, { "Last-Modified": modified, Vary: "Accept-Encoding" }));
    const url = `${app.origin}/feeds/daily.xml`;
    await get(url);
    const held = await get(url);
    const etag = held.headers.etag!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const matching = await get(url, { "if-none-match": `"other", W/${etag}` });
    expect([matching.status, matching.body.length, matching.headers["x-response-cache"]]).toEqual([304, 0, "HIT"]);
    expect(matching.headers).toMatchObject({
      etag,
      "last-modified": modified,
      "cache-control": "public, s-maxage=60",
      vary: "Accept-Encoding",
      age: "0",
    });
    expect(matching.headers["content-type"]).toBeUndefined();
    // If-None-Match decides when present, whatever If-Modified-Since says.
    const other = await get(url, { "if-none-match": '"other"', "if-modified-since": modified });
    expect([other.status, other.body.toString()]).toEqual([200, BODY]);
    expect((await get(url, { "if-modified-since": modified })).status).toBe(304);
    expect((await get(url, { "if-modified-since": "Wed, 25 Mar 2026 00:00:00 GMT" })).status).toBe(304);
    expect((await get(url, { "if-modified-since": "Mon, 23 Mar 2026 00:00:00 GMT" })).status).toBe(200);
    expect(app.calls()).toBe(1);
  });

  it("gives the same bytes the same ETag in every process, and keeps the app's own", async () => {
    const etags: string[] = [];
    for (let i = 0; i < 2; i += 1) {
      const app = await serve(new ResponseCache(), page("s-maxage=60", BODY));
      await get(`${app.origin}/feeds/daily.xml`);
      etags.push((await get(`${app.origin}/feeds/daily.xml`)).headers.etag!);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    }
    expect(etags[0]).toMatch(/^"[\w-]+"$/);
    expect(etags[1]).toBe(etags[0]);
    const own = await serve(new ResponseCache(), page("s-maxage=60", BODY, { ETag: '"v1"' }));
    await get(`${own.origin}/a`);
    expect((await get(`${own.origin}/a`)).headers.etag).toBe('"v1"');
    expect((await get(`${own.origin}/a`, { "if-none-match": '"v1"' })).status).toBe(304);
  });

  it("keeps each encoding apart, as Vary says, and sends the compressed bytes as they were", async () => {
    const app = await serve(new ResponseCache(), page("public, s-maxage=60", BODY));
    const url = `${app.origin}/api/daily_papers?date=2026-03-24`;
    const gzip1 = await get(url, { "accept-encoding": "gzip" });
    const plain1 = await get(url);
    const gzip2 = await get(url, { "accept-encoding": "gzip" });
    const plain2 = await get(url);
    expect(app.calls()).toBe(2);
    expect(gzip2.headers["content-encoding"]).toBe("gzip");
    expect(gzip2.headers["x-response-cache"]).toBe("HIT");
    expect(gunzipSync(gzip2.body).toString()).toBe(BODY);
    expect(gzip2.body.length).toBeLessThan(Buffer.byteLength(BODY) / 4);
    expect(plain2.headers["content-encoding"]).toBeUndefined();
    expect(plain2.body.toString()).toBe(BODY);
    expect(gzip1.body.equals(gzip2.body) && plain1.body.equals(plain2.body)).toBe(true);
  });

  it("keeps a paper's Markdown apart from its HTML (Vary: Accept)", async () => {
    const app = await serve(new ResponseCache(), (req, res) => {
      const markdown = (req.headers.accept ?? "").includes("text/markdown");
      page("s-maxage=60", markdown ? "# A paper" : BODY, { Vary: "rsc, next-router-state-tree, Accept-Encoding, Accept" })(req, res);
    });
    const url = `${app.origin}/papers/2503.00001`;
    await get(url, { accept: "text/html" });
    await get(url, { accept: "text/markdown" });
    expect((await get(url, { accept: "text/markdown" })).body.toString()).toBe("# A paper");
    expect((await get(url, { accept: "text/html" })).body.toString()).toBe(BODY);
    expect(app.calls()).toBe(2);
  });

  it("keeps nothing a shared cache may not", async () => {
    const cases: [string, Handler, Record<string, string>?][] = [
      ["private", page("private, no-cache, no-store, max-age=0, must-revalidate", BODY)],
      ["no-store", page("public, s-maxage=60, no-store", BODY)],
      ["no lifetime", page("public, max-age=0", BODY)],
      ["no Cache-Control", page("", BODY)],
      ["a cookie", page("s-maxage=60", BODY, { "Set-Cookie": "session=1" })],
      ["Vary: *", page("s-maxage=60", BODY, { Vary: "*" })],
      [
        "a 404",
        (_req, res) => {
          res.writeHead(404, { "Content-Type": "text/html", "Cache-Control": "s-maxage=60" });
          res.end("not found");
        },
      ],
      ["navigation (rsc)", page("s-maxage=60", BODY), { rsc: "1" }],
      ["credentials", page("s-maxage=60", BODY), { authorization: "Bearer x" }],
    ];
    for (const [name, handler, headers] of cases) {
      const app = await serve(new ResponseCache(), handler);
      await get(`${app.origin}/x`, headers);
      const again = await get(`${app.origin}/x`, headers);
      expect(again.headers["x-response-cache"], name).toBeUndefined();
      expect(app.calls(), name).toBe(2);
      await new Promise<void>((resolve) => server!.close(() => resolve()));
      server = null;
    }
  });

  it("never past its own seconds, nor past the response's freshness", async () => {
    let now = 0;
    const cache = new ResponseCache({ seconds: 5, now: () => now });
    let version = 0;
    const app = await serve(cache, (req, res) => page(req.url === "/short" ? "s-maxage=2" : "s-maxage=60", `v${++version}`)(req, res));
    expect((await get(`${app.origin}/long`)).body.toString()).toBe("v1");
    expect((await get(`${app.origin}/short`)).body.toString()).toBe("v2");
    now = 1_900;
    expect((await get(`${app.origin}/short`)).body.toString()).toBe("v2");
    now = 2_000;
    expect((await get(`${app.origin}/short`)).body.toString()).toBe("v3");
    now = 4_999;
    expect((await get(`${app.origin}/long`)).body.toString()).toBe("v1");
    now = 5_000;
    expect((await get(`${app.origin}/long`)).body.toString()).toBe("v4");
  });

  it("while one request refreshes an expired page, sends the others the copy it had, as its stale-while-revalidate allows", async () => {
    let now = 0;
    let version = 0;
    let release: () => void = () => {};
    const app = await serve(new ResponseCache({ seconds: 5, now: () => now }), (req, res) => {
      version += 1;
      const body = `v${version}`;
      const send = () => page(req.url === "/strict" ? "s-maxage=5" : "s-maxage=5, stale-while-revalidate=300", body)(req, res);
      if (version === 2 || version === 5) new Promise<void>((resolve) => (release = resolve)).then(send);
      else send();
    });
    expect((await get(`${app.origin}/page`)).body.toString()).toBe("v1");
    now = 6_000;
    const refreshing = get(`${app.origin}/page`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const meanwhile = await Promise.all([get(`${app.origin}/page`), get(`${app.origin}/page`)]);
    expect(meanwhile.map((r) => [r.body.toString(), r.headers["x-response-cache"], r.headers.age])).toEqual([
      ["v1", "STALE", "6"],
      ["v1", "STALE", "6"],
    ]);
    release();
    expect((await refreshing).body.toString()).toBe("v2");
    expect((await get(`${app.origin}/page`)).body.toString()).toBe("v2");
    // Past twice its time, or without stale-while-revalidate, never the old copy.
    now = 20_000;
    expect((await get(`${app.origin}/page`)).body.toString()).toBe("v3");
    expect((await get(`${app.origin}/strict`)).body.toString()).toBe("v4");
    now = 26_000;
    const strict = get(`${app.origin}/strict`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const other = get(`${app.origin}/strict`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    release();
    // Without stale-while-revalidate the old copy is never sent: the other request waits for the
    // new one, made after it arrived, as for a page not held at all.
    expect((await strict).body.toString()).toBe("v5");
    const waited = await other;
    expect([waited.body.toString(), waited.headers["x-response-cache"]]).toEqual(["v5", "HIT"]);
    expect(app.calls()).toBe(5);
  });

  it("makes a burst of requests for a page not held yet one response, the others waiting for it", async () => {
    let release: () => void = () => {};
    const rendered = new Promise<void>((resolve) => (release = resolve));
    const app = await serve(new ResponseCache({ seconds: 5 }), (req, res) => {
      void rendered.then(() => page("s-maxage=60", `${req.url} ${req.headers["accept-encoding"] ?? "plain"}`)(req, res));
    });
    const burst = Array.from({ length: 8 }, () => get(`${app.origin}/papers?q=kv+cache`));
    // Another encoding, another URL: not held back by the first.
    const gzip = get(`${app.origin}/papers?q=kv+cache`, { "accept-encoding": "gzip" });
    const other = get(`${app.origin}/papers?q=other`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.calls()).toBe(3);
    release();
    const answers = await Promise.all(burst);
    expect(answers.map((r) => r.body.toString())).toEqual(Array(8).fill("/papers?q=kv+cache plain"));
    expect(answers.filter((r) => r.headers["x-response-cache"] === "HIT")).toHaveLength(7);
    expect(gunzipSync((await gzip).body).toString()).toBe("/papers?q=kv+cache gzip");
    expect((await other).body.toString()).toBe("/papers?q=other plain");
    expect(app.calls()).toBe(3);
  });

  it("sends requests that waited for a response it could not keep to the app, and does not make them wait next time", async () => {
    let open: () => void = () => {};
    let gate = new Promise<void>((resolve) => (open = resolve));
    const app = await serve(
      new ResponseCache({ seconds: 5 }),
      (req, res) => void gate.then(() => page("private, no-store", "mine")(req, res)),
    );
    const first = get(`${app.origin}/api/me/votes?ids=a,b`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = get(`${app.origin}/api/me/votes?ids=a,b`);
    await new Promise((resolve) => setTimeout(resolve, 50));
    // The second waits for the first, which it cannot be sent.
    expect(app.calls()).toBe(1);
    open();
    expect((await first).body.toString()).toBe("mine");
    expect((await second).body.toString()).toBe("mine");
    expect(app.calls()).toBe(2);
    // Now known not to be kept: concurrent requests go to the app at once.
    gate = new Promise<void>((resolve) => (open = resolve));
    const again = [get(`${app.origin}/api/me/votes?ids=a,b`), get(`${app.origin}/api/me/votes?ids=a,b`)];
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(app.calls()).toBe(4);
    open();
    expect((await Promise.all(again)).map((r) => r.body.toString())).toEqual(["mine", "mine"]);
  });

  it("stores nothing of a response cut off midway, nor of one too large to keep", async () => {
    let cut = true;
    const app = await serve(new ResponseCache(), (req, res) => {
      if (req.url === "/large") return page("s-maxage=60", "x".repeat(5 * 1024 * 1024))(req, res);
      res.writeHead(200, { "Content-Type": "text/html", "Cache-Control": "s-maxage=60" });
      res.write("<p>the first half");
      if (cut) {
        cut = false;
        res.destroy();
      } else res.end(" and the rest</p>");
    });
    await get(`${app.origin}/cut`).catch(() => null);
    expect((await get(`${app.origin}/cut`)).body.toString()).toBe("<p>the first half and the rest</p>");
    expect((await get(`${app.origin}/cut`)).headers["x-response-cache"]).toBe("HIT");
    await get(`${app.origin}/large`);
    expect((await get(`${app.origin}/large`)).headers["x-response-cache"]).toBeUndefined();
    expect(app.calls()).toBe(4);
  });

  it("holds its bookkeeping of distinct URLs within a bound in bytes, however long the URLs", async () => {
    const gc = exposedGc();
    const notFound: Handler = (_req, res) => {
      res.writeHead(404, { "Content-Type": "text/plain" });
      res.end("no");
    };
    const app = await serve(new ResponseCache({ seconds: 5, maxBytes: 4 * 1024 * 1024 }), (req, res) =>
      (req.url ?? "").startsWith("/?") ? page("s-maxage=60", "<p>a page</p>")(req, res) : notFound(req, res),
    );
    const agent = new Agent({ keepAlive: true, maxSockets: 8 });
    const pad = "a".repeat(14 * 1024);
    const send = async (paths: (i: number) => string, count: number) => {
      for (let i = 0; i < count; i += 8)
        await Promise.all(Array.from({ length: 8 }, (_, j) => get(`${app.origin}${paths(i + j)}`, {}, agent)));
    };
    await send((i) => `/warm/${i}`, 64);
    gc();
    const before = process.memoryUsage().heapUsed;
    // Each kind alone would hold ~56 MB of URLs unbounded: 404s (URLs not kept) and kept pages (Vary per URL, entry keys).
    await send((i) => `/missing/${i}/${pad}`, 4000);
    await send((i) => `/?x=${i}${pad}`, 4000);
    gc();
    const grown = process.memoryUsage().heapUsed - before;
    agent.destroy();
    expect(grown).toBeLessThan(40 * 1024 * 1024);
  });

  it("turns off at zero seconds", async () => {
    const app = await serve(new ResponseCache({ seconds: 0 }), page("s-maxage=60", BODY));
    await get(`${app.origin}/`);
    await get(`${app.origin}/`);
    expect(app.calls()).toBe(2);
  });
});

describe("sharedFreshness", () => {
  it.each([
    ["s-maxage=60, stale-while-revalidate=3540", 60],
    ["public, s-maxage=60, stale-while-revalidate=300", 60],
    ["public, max-age=300", 300],
    ["max-age=300", 0],
    ["public, max-age=0", 0],
    ["private, s-maxage=60", 0],
    ["s-maxage=60, no-cache", 0],
    ['PUBLIC, S-MAXAGE="30"', 30],
    ["s-maxage=soon", 0],
    ["", 0],
  ])("%s → %i", (header, seconds) => expect(sharedFreshness(header)).toBe(seconds));
});
