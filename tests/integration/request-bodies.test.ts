import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { POST as cronDigest } from "@/app/api/cron/digest/route";
import { POST as cronHousekeeping } from "@/app/api/cron/housekeeping/route";
import { POST as cronIngest } from "@/app/api/cron/ingest/route";
import { POST as cronVotes } from "@/app/api/cron/votes/route";
import { POST as follow } from "@/app/api/follows/route";
import { PATCH as changeSubscription, POST as subscribe } from "@/app/api/subscriptions/route";
import { POST as unsubscribe } from "@/app/api/unsubscribe/route";
import { env } from "@/lib/env";
import { MAX_JSON_BYTES } from "@/lib/request";
import { createSignedInUser } from "../helpers/auth";
import { resetDatabase } from "../helpers/db";

const ORIGIN = "http://localhost:3000";
const SECRET = "test-cron-secret";
const saved = env.CRON_SECRET;
let cookie = "";

beforeAll(async () => {
  await resetDatabase();
  env.CRON_SECRET = SECRET;
  cookie = (await createSignedInUser()).cookie;
});
afterAll(() => {
  env.CRON_SECRET = saved;
});

/**
 * A body of `total` bytes sent as a stream with no Content-Length (as `Transfer-Encoding:
 * chunked` arrives), counting the bytes the server pulled from it.
 */
function streamedBody(total: number, chunk = 4096) {
  let pulled = 0;
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled >= total) return controller.close();
        const size = Math.min(chunk, total - pulled);
        pulled += size;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled: () => pulled };
}

/** A request whose body is a stream (undici wants `duplex: "half"` for one). */
const streaming = (url: string, init: RequestInit) => new NextRequest(new Request(url, { ...init, duplex: "half" } as RequestInit));

type Handler = (request: NextRequest) => Promise<Response>;
const TOTAL = 50 * 1024 * 1024;

const routes: { name: string; handler: Handler; path: string; method?: string; headers?: Record<string, string>; limit: number }[] = [
  { name: "POST /api/subscriptions (no sign-in)", handler: subscribe, path: "/api/subscriptions", limit: MAX_JSON_BYTES },
  {
    name: "PATCH /api/subscriptions",
    handler: changeSubscription,
    path: "/api/subscriptions",
    method: "PATCH",
    headers: { signedIn: "1" },
    limit: MAX_JSON_BYTES,
  },
  { name: "POST /api/follows", handler: follow, path: "/api/follows", headers: { signedIn: "1" }, limit: MAX_JSON_BYTES },
  ...(
    [
      ["digest", cronDigest],
      ["housekeeping", cronHousekeeping],
      ["ingest", cronIngest],
      ["votes", cronVotes],
    ] as const
  ).map(([job, handler]) => ({
    name: `POST /api/cron/${job}`,
    handler: handler as Handler,
    path: `/api/cron/${job}`,
    headers: { authorization: `Bearer ${SECRET}` },
    limit: MAX_JSON_BYTES,
  })),
  {
    name: "POST /api/unsubscribe (one-click)",
    handler: unsubscribe,
    path: "/api/unsubscribe?token=x",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    limit: 2048,
  },
  {
    name: "POST /api/auth/signin/nodemailer",
    handler: authPost,
    path: "/api/auth/signin/nodemailer",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    limit: 16 * 1024,
  },
];

describe("a request body is read only up to its route's limit, however it arrives", () => {
  for (const { name, handler, path, method = "POST", headers = {}, limit } of routes) {
    const requestHeaders = () => {
      const { signedIn, ...rest } = headers;
      return { "content-type": "application/json", origin: ORIGIN, ...(signedIn ? { cookie } : {}), ...rest };
    };

    it(`${name}: a chunked body past ${limit} bytes gets 413, read no further than the limit`, async () => {
      const body = streamedBody(TOTAL);
      const request = streaming(`${ORIGIN}${path}`, { method, headers: requestHeaders(), body: body.stream });
      const response = await handler(request);
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({
        error: { code: expect.stringMatching(/^payload_too_large:/), message: `The request body is over ${limit} bytes.` },
      });
      expect(body.pulled()).toBeLessThan(limit + 64 * 1024);
    });

    it(`${name}: a declared Content-Length past ${limit} bytes gets 413 unread`, async () => {
      const body = streamedBody(TOTAL);
      const request = streaming(`${ORIGIN}${path}`, {
        method,
        headers: { ...requestHeaders(), "content-length": String(TOTAL) },
        body: body.stream,
      });
      expect((await handler(request)).status).toBe(413);
      expect(body.pulled()).toBeLessThan(64 * 1024);
    });
  }
});
