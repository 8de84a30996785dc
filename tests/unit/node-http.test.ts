import { createServer, request as httpRequest, Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { answerAsteriskTarget, capRequestBody, sendResponse, toBodilessRequest } from "@/server/http/node-http";

let server: Server | null = null;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = null;
});

/** A server that answers every request through the two adapters, with `answer` in between. */
async function serve(answer: (request: Request) => Promise<Response>): Promise<string> {
  server = createServer((req, res) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    const request = toBodilessRequest(req);
    void (request ? answer(request) : Promise.resolve(new Response("unreadable", { status: 400 }))).then((response) =>
      sendResponse(res, response),
    );
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function send(
  url: string,
  {
    method = "GET",
    headers = {},
    body,
    agent,
    path,
  }: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent; path?: string },
) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent, ...(path ? { path } : {}) }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString("utf8") }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

describe("toBodilessRequest and sendResponse", () => {
  it("carry the method, path, query and headers in, and the status, headers and body out", async () => {
    const origin = await serve(async (request) => {
      const url = new URL(request.url);
      return Response.json(
        {
          method: request.method,
          path: url.pathname + url.search,
          cookie: request.headers.get("cookie"),
          host: request.headers.get("host"),
          origin: request.headers.get("origin"),
        },
        { status: 201, headers: { "Cache-Control": "no-store" } },
      );
    });
    const res = await send(`${origin}/api/papers/2604.00001/upvote?x=1`, {
      method: "DELETE",
      headers: { cookie: "a=1; b=2", origin: "http://example.test" },
    });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({
      method: "DELETE",
      path: "/api/papers/2604.00001/upvote?x=1",
      cookie: "a=1; b=2",
      host: origin.slice(7),
      origin: "http://example.test",
    });
    expect(res.headers["content-type"]).toBe("application/json");
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-length"]).toBe(String(Buffer.byteLength(res.body)));
    // What the server had set before is kept.
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
  });

  it("send every Set-Cookie of a response", async () => {
    const origin = await serve(async () => {
      const headers = new Headers();
      headers.append("Set-Cookie", "a=1; Path=/");
      headers.append("Set-Cookie", "b=2; Path=/");
      return new Response("ok", { headers });
    });
    expect((await send(origin, {})).headers["set-cookie"]).toEqual(["a=1; Path=/", "b=2; Path=/"]);
  });

  it("leave a body a client sent anyway unread, and the connection serves the next request", async () => {
    const seen: string[] = [];
    const origin = await serve(async (request) => {
      seen.push(`${request.method} ${new URL(request.url).pathname}`);
      return new Response(String(request.body === null));
    });
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const first = await send(`${origin}/one`, {
        method: "POST",
        agent,
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ padding: "x".repeat(200_000) }),
      });
      const second = await send(`${origin}/two`, { method: "POST", agent });
      expect([first.body, second.body]).toEqual(["true", "true"]);
      expect(seen).toEqual(["POST /one", "POST /two"]);
    } finally {
      agent.destroy();
    }
  });
});

describe("capRequestBody and answerAsteriskTarget, in front of a handler that reads the whole body", () => {
  const CAP = 64 * 1024;
  let read = 0;
  let handled = 0;

  async function serveCapped(): Promise<number> {
    read = 0;
    handled = 0;
    server = createServer((req, res) => {
      if (answerAsteriskTarget(req, res) || !capRequestBody(req, res, CAP)) return;
      handled += 1;
      req.on("data", (chunk: Buffer) => (read += chunk.length));
      req.on("end", () => res.end(`read ${read}`));
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    return (server!.address() as AddressInfo).port;
  }

  /** A chunked POST of up to `total` bytes, written as fast as the server takes them; its status, or the error that cut it. */
  function postChunked(port: number, total: number) {
    return new Promise<{ status: number | null; sent: number }>((resolve) => {
      let sent = 0;
      let status: number | null = null;
      const req = httpRequest(
        { host: "127.0.0.1", port, method: "POST", path: "/", headers: { "Transfer-Encoding": "chunked" } },
        (res) => {
          status = res.statusCode ?? null;
          res.resume();
          res.on("end", () => resolve({ status, sent }));
        },
      );
      req.on("error", () => resolve({ status, sent }));
      const chunk = Buffer.alloc(16 * 1024, 0x20);
      const write = () => {
        while (sent < total) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", write);
        }
        req.end();
      };
      write();
    });
  }

  it("answers a chunked body past the cap with 413 and cuts it, the handler having read no more than the cap", async () => {
    const port = await serveCapped();
    const { status, sent } = await postChunked(port, 50 * 1024 * 1024);
    expect(status).toBe(413);
    expect(read).toBeLessThanOrEqual(CAP);
    expect(sent).toBeLessThan(50 * 1024 * 1024);
  });

  it("answers a declared Content-Length past the cap with 413 before the handler runs, and lets a small body through", async () => {
    const port = await serveCapped();
    const origin = `http://127.0.0.1:${port}`;
    const small = await send(origin, { method: "POST", body: "x".repeat(1000) });
    expect(small).toMatchObject({ status: 200, body: "read 1000" });
    const big = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(origin, { method: "POST", headers: { "Content-Length": String(CAP + 1) } }, (res) =>
        resolve(res.statusCode ?? 0),
      );
      req.on("error", reject);
      req.write("x");
    });
    expect(big).toBe(413);
    expect(handled).toBe(1);
  });

  it("answers OPTIONS * with 204 and Allow, and GET * with 400", async () => {
    const port = await serveCapped();
    const options = await send(`http://127.0.0.1:${port}`, { method: "OPTIONS", path: "*" });
    expect(options.status).toBe(204);
    expect(options.headers.allow).toContain("GET");
    expect((await send(`http://127.0.0.1:${port}`, { path: "*" })).status).toBe(400);
    expect(handled).toBe(0);
  });
});
