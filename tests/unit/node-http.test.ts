import { createServer, request as httpRequest, Agent, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { sendResponse, toBodilessRequest } from "@/server/node-http";

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
    void (request ? answer(request) : Promise.resolve(new Response("unreadable", { status: 400 }))).then((response) => sendResponse(res, response));
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

function send(url: string, { method = "GET", headers = {}, body, agent }: { method?: string; headers?: Record<string, string>; body?: string; agent?: Agent }) {
  return new Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }>((resolve, reject) => {
    const req = httpRequest(url, { method, headers, agent }, (res) => {
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
        { method: request.method, path: url.pathname + url.search, cookie: request.headers.get("cookie"), host: request.headers.get("host"), origin: request.headers.get("origin") },
        { status: 201, headers: { "Cache-Control": "no-store" } },
      );
    });
    const res = await send(`${origin}/api/papers/2604.00001/upvote?x=1`, { method: "DELETE", headers: { cookie: "a=1; b=2", origin: "http://example.test" } });
    expect(res.status).toBe(201);
    expect(JSON.parse(res.body)).toEqual({ method: "DELETE", path: "/api/papers/2604.00001/upvote?x=1", cookie: "a=1; b=2", host: origin.slice(7), origin: "http://example.test" });
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
      const first = await send(`${origin}/one`, { method: "POST", agent, headers: { "content-type": "application/json" }, body: JSON.stringify({ padding: "x".repeat(200_000) }) });
      const second = await send(`${origin}/two`, { method: "POST", agent });
      expect([first.body, second.body]).toEqual(["true", "true"]);
      expect(seen).toEqual(["POST /one", "POST /two"]);
    } finally {
      agent.destroy();
    }
  });
});
