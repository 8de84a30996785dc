import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { countMailTo, latestMailTo, signInLink } from "./support/mail-sink";
import { rawRequest, signInThroughForm, signInThroughRoute } from "./support/http";
import { expect, test } from "./support/test";

// Requests come from chosen loopback addresses (127.0.0.x) to act as different clients; each
// test uses its own addresses and emails, since sign-in limits last 15 minutes.
const mailDir = process.env.E2E_MAIL_DIR!;
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function waitForMail(address: string): Promise<string> {
  let mail: string | null = null;
  await expect.poll(() => (mail = latestMailTo(mailDir, address)), { timeout: 15_000 }).not.toBeNull();
  return mail!;
}

test.describe("sign-in links point at this site", () => {
  const poisoned = { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };

  test("through the form, a forged X-Forwarded-Host still mails a link to the public URL", async ({ baseURL }) => {
    const address = `victim-form-${unique()}@example.org`;
    const next = await signInThroughForm(baseURL!, address, { localAddress: "127.0.0.2", headers: { "x-forwarded-host": "evil.example" } });
    expect(next).toMatch(/verify-request|check-email/);
    const link = signInLink(await waitForMail(address));
    expect(new URL(link).origin).toBe(baseURL);
  });

  test("through the form, a forged host and a matching Origin (a script, not a browser) send nothing", async ({ baseURL }) => {
    const address = `victim-form-origin-${unique()}@example.org`;
    const next = await signInThroughForm(baseURL!, address, {
      localAddress: "127.0.0.2",
      headers: { "x-forwarded-host": "evil.example", origin: "http://evil.example" },
    });
    expect(next ?? "").not.toMatch(/verify-request|check-email/);
    // The route's own mail has arrived by the time another request's has.
    const witness = `witness-${unique()}@example.org`;
    await signInThroughRoute(baseURL!, witness, { localAddress: "127.0.0.2" });
    await waitForMail(witness);
    expect(countMailTo(mailDir, address)).toBe(0);
  });

  test("through the Auth.js route, a forged host still mails a link to the public URL", async ({ baseURL }) => {
    const address = `victim-route-${unique()}@example.org`;
    const next = await signInThroughRoute(baseURL!, address, { localAddress: "127.0.0.3", headers: poisoned });
    expect(next).toMatch(/verify-request/);
    const link = signInLink(await waitForMail(address));
    expect(new URL(link).origin).toBe(baseURL);
  });
});

test.describe("rate limits count real clients", () => {
  test("31 clients signing in through the form do not block a 32nd", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const tag = unique();
    for (let i = 0; i < 32; i += 1) {
      const next = await signInThroughForm(baseURL!, `lab-${tag}-${i}@example.org`, { localAddress: `127.0.1.${i + 1}` });
      expect(next, `client ${i + 1}`).not.toMatch(/RateLimited/);
    }
    await waitForMail(`lab-${tag}-31@example.org`);
  });

  test("rotating X-Forwarded-For gains nothing: 30 links for one client, then none", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const tag = unique();
    const answers: (string | undefined)[] = [];
    for (let i = 0; i < 32; i += 1) {
      answers.push(
        await signInThroughRoute(baseURL!, `rotate-${tag}-${i}@example.org`, {
          localAddress: "127.0.2.1",
          headers: { "x-forwarded-for": `198.51.100.${i}`, "x-real-ip": `203.0.113.${i}` },
        }),
      );
    }
    expect(answers.slice(0, 30).every((a) => /verify-request/.test(a ?? ""))).toBe(true);
    expect(answers.slice(30)).toEqual([expect.stringMatching(/error=RateLimited/), expect.stringMatching(/error=RateLimited/)]);
    await waitForMail(`rotate-${tag}-29@example.org`);
    // Blocked requests sent nothing.
    expect(countMailTo(mailDir, `rotate-${tag}-30@example.org`)).toBe(0);
    expect(countMailTo(mailDir, `rotate-${tag}-31@example.org`)).toBe(0);
  });

  test("the form and the route count one client against the same limit", async ({ baseURL }) => {
    test.setTimeout(120_000);
    const tag = unique();
    const client = { localAddress: "127.0.3.1" };
    for (let i = 0; i < 15; i += 1) {
      expect(await signInThroughForm(baseURL!, `both-${tag}-f${i}@example.org`, client)).not.toMatch(/RateLimited/);
      expect(await signInThroughRoute(baseURL!, `both-${tag}-r${i}@example.org`, client)).toMatch(/verify-request/);
    }
    expect(await signInThroughForm(baseURL!, `both-${tag}-f15@example.org`, client)).toMatch(/RateLimited/);
    expect(await signInThroughRoute(baseURL!, `both-${tag}-r15@example.org`, client)).toMatch(/RateLimited/);
  });
});

test("2,000 distinct unknown URLs grow the page cache by less than 1 MB", async ({ baseURL }) => {
  test.setTimeout(180_000);
  const size = () => Number(execFileSync("du", ["-sb", ".next"], { encoding: "utf8" }).split("\t")[0]);
  const before = size();
  const paths: string[] = [];
  for (let i = 0; i < 2_000; i += 1) {
    const kind = i % 4;
    if (kind === 0) paths.push(`/papers/2509.${String(10000 + i)}`);
    else if (kind === 1) paths.push(`/papers/list/not-a-list-${i}`);
    else if (kind === 2) paths.push(`/papers/date/${2000 + (i % 20)}-0${1 + (i % 9)}-${String(10 + (i % 18))}`);
    else paths.push(`/papers/nope-${i}`);
  }
  const statuses = new Map<number, number>();
  for (let start = 0; start < paths.length; start += 8) {
    const batch = await Promise.all(paths.slice(start, start + 8).map((path) => rawRequest(`${baseURL}${path}`)));
    for (const res of batch) statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
  }
  expect(statuses.get(404)).toBe(1_500);
  expect(statuses.get(200)).toBe(500);
  expect(size() - before).toBeLessThan(1_000_000);
});

test.describe("security headers", () => {
  // The vote is answered by npm start's edge itself, ahead of Next.js (server/http/edge.ts).
  const requests = [
    "/papers/date/2026-03-24",
    "/api/daily_papers?date=2026-03-24",
    "/papers/2509.99999",
    "/api/papers/2509.99999",
    "POST /api/papers/local-89e8c5e4fbb1/upvote",
  ];
  for (const line of requests) {
    const [method, path] = line.includes(" ") ? line.split(" ") : ["GET", line];
    test(`on ${line}`, async ({ request }) => {
      const res = await request.fetch(path!, { method });
      const headers = res.headers();
      const csp = headers["content-security-policy"] ?? "";
      for (const directive of [
        "frame-ancestors 'none'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "script-src 'self'",
      ]) {
        expect(csp, path).toContain(directive);
      }
      expect(headers["x-content-type-options"]).toBe("nosniff");
      expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(headers["permissions-policy"]).toContain("camera=()");
      // The e2e server's public URL is http://localhost, so no HSTS (unit-tested for https).
      expect(headers["strict-transport-security"]).toBeUndefined();
    });
  }
});

test.describe("odd input is a 4xx, never a 500", () => {
  for (const path of ["/papers/%25", "/papers/date/%25", "/papers/week/%25", "/papers/month/%25", "/papers/%E0%A4%A"]) {
    test(`${path} is the 404 page`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
      // The site's own page, header and all.
      await expect(page.getByRole("banner").getByRole("link", { name: "Daily Papers" })).toBeVisible();
    });
  }

  test("an API path that is not valid percent-encoding is a JSON 404", async ({ baseURL }) => {
    const res = await rawRequest(`${baseURL}/api/papers/%E0%A4%A`);
    expect(res.status).toBe(404);
    expect(JSON.parse(res.body).error.code).toMatch(/^not_found:/);
  });

  test("a malformed session cookie is signed out", async ({ baseURL }) => {
    // Bad percent-encoding, and a NUL that PostgreSQL would refuse to compare with a token.
    for (const cookie of ["authjs.session-token=%E0%A4%A", "authjs.session-token=%00abc"]) {
      const votes = await rawRequest(`${baseURL}/api/me/votes?ids=local-89e8c5e4fbb1`, { headers: { cookie } });
      expect(votes.status).toBe(200);
      expect(JSON.parse(votes.body).signedIn).toBe(false);
      const vote = await rawRequest(`${baseURL}/api/papers/local-89e8c5e4fbb1/upvote`, { method: "POST", headers: { cookie } });
      expect(vote.status).toBe(401);
      expect((await rawRequest(`${baseURL}/api/follows`, { headers: { cookie } })).status).toBe(401);
      // Pages that read the session through Auth.js send a signed-out visitor to sign in.
      for (const path of ["/settings/papers", "/papers/following"]) {
        const page = await rawRequest(`${baseURL}${path}`, { headers: { cookie } });
        expect(page.status, path).toBeLessThan(400);
        expect(page.status, path).not.toBe(200);
      }
    }
  });

  test("a vote from another site, on no paper, or with a body is refused or answered, never a 500", async ({ baseURL }) => {
    const address = `odd-votes-${unique()}@example.org`;
    expect(await signInThroughRoute(baseURL!, address, { localAddress: "127.0.4.1" })).toMatch(/verify-request/);
    const signedIn = await rawRequest(signInLink(await waitForMail(address)));
    const cookie = signedIn.setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith("authjs.session-token="))!;
    expect(cookie).toBeTruthy();
    const crossSite = await rawRequest(`${baseURL}/api/papers/local-89e8c5e4fbb1/upvote`, {
      method: "POST",
      headers: { cookie, origin: "https://elsewhere.example" },
    });
    expect(crossSite.status).toBe(403);
    expect(JSON.parse(crossSite.body).error.code).toBe("forbidden:origin");
    for (const path of ["/api/papers/2699.99999/upvote", "/api/papers/not%20a%20paper/upvote", "/api/papers/%E0%A4%A/upvote"]) {
      const res = await rawRequest(`${baseURL}${path}`, { method: "DELETE", headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(JSON.parse(res.body).error.code, path).toMatch(/^not_found:/);
    }
    // A body is not read, and the vote still counts.
    const withBody = await rawRequest(`${baseURL}/api/papers/local-89e8c5e4fbb1/upvote`, {
      method: "POST",
      headers: { cookie, "content-type": "application/json" },
      body: JSON.stringify({ upvoted: false, padding: "x".repeat(100_000) }),
    });
    expect(withBody.status).toBe(200);
    expect(JSON.parse(withBody.body)).toMatchObject({ upvoted: true });
    const withdrawn = await rawRequest(`${baseURL}/api/papers/local-89e8c5e4fbb1/upvote`, { method: "DELETE", headers: { cookie } });
    expect(JSON.parse(withdrawn.body)).toMatchObject({ upvoted: false });
  });

  test("out-of-range numbers say the range", async ({ request }) => {
    const res = await request.get("/api/daily_papers?p=-5");
    expect(res.status()).toBe(400);
    expect((await res.json()).error.message).toBe("p: must be a whole number from 0 to 10000");
  });
});

test("a burst of distinct searches on the page and the feed is refused past the client's budget, and another client is served", async ({
  baseURL,
}) => {
  test.setTimeout(180_000);
  // The budget counts in whole minutes: the burst starts early in one, so that it ends there too.
  const intoMinute = Date.now() % 60_000;
  if (intoMinute > 15_000) await new Promise((resolve) => setTimeout(resolve, 60_000 - intoMinute + 500));
  const attacker = "127.0.0.200";
  const statuses: number[] = [];
  for (let i = 0; i < 140; i += 4) {
    const batch = Array.from({ length: 4 }, (_, j) => {
      const q = encodeURIComponent(`burst ${i + j} attention`);
      return rawRequest(`${baseURL}${(i + j) % 2 === 0 ? "/papers" : "/feeds/search.xml"}?q=${q}`, { localAddress: attacker });
    });
    for (const res of await Promise.all(batch)) statuses.push(res.status);
  }
  // Exact with one server process; with several, each may lose part of its last lease (5% of the budget).
  const served = statuses.filter((s) => s === 200).length;
  expect(served).toBeLessThanOrEqual(120);
  expect(served).toBeGreaterThanOrEqual(108);
  expect(statuses.filter((s) => s === 429)).toHaveLength(140 - served);
  const refused = await rawRequest(`${baseURL}/papers?q=one+more`, { localAddress: attacker });
  expect(refused.status).toBe(429);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  expect(refused.body).toContain("Too many searches");
  expect((await rawRequest(`${baseURL}/papers?q=one+more`, { localAddress: "127.0.0.201" })).status).toBe(200);
});

test.describe("input no route can take is a 4xx, never a 500", () => {
  test("the request target * answers OPTIONS with 204 and Allow, anything else with 400", async ({ baseURL }) => {
    const options = await rawRequest(baseURL!, { method: "OPTIONS", path: "*" });
    expect(options.status).toBe(204);
    expect(String(options.headers.allow)).toContain("GET");
    expect((await rawRequest(baseURL!, { path: "*" })).status).toBe(400);
  });

  test("a chunked body past a route's limit is refused with 413", async ({ baseURL }) => {
    const big = Buffer.alloc(3 * 1024 * 1024, 0x20);
    const api = await rawRequest(`${baseURL}/api/subscriptions`, {
      method: "POST",
      headers: { "transfer-encoding": "chunked", "content-type": "application/json", connection: "close" },
      body: big,
    }).catch(() => null);
    expect(api === null || api.status === 413).toBe(true);
  });

  test("a NUL in a search filter is a 400 on the API and an ignored filter on the page", async ({ baseURL }) => {
    expect((await rawRequest(`${baseURL}/api/papers/search?q=model&org=%00`)).status).toBe(400);
    for (const path of ["/papers?q=model&org=%00", "/papers?org=a%00"]) {
      const page = await rawRequest(`${baseURL}${path}`);
      expect(page.status, path).toBe(200);
      expect(page.body, path).toContain("must not hold a NUL character");
    }
  });
});

test("share images: a client past its drawing limit gets 429, and is still served images already drawn", async ({ baseURL }) => {
  test.setTimeout(120_000);
  const ids = (JSON.parse(readFileSync("db/sample/papers.json", "utf8")) as { id: string }[]).map((p) => p.id);
  const client = "127.0.0.210";
  const answers: { id: string; status: number; retryAfter: unknown }[] = [];
  for (const id of ids) {
    const res = await rawRequest(`${baseURL}/og/papers/${id}.png`, { localAddress: client });
    answers.push({ id, status: res.status, retryAfter: res.headers["retry-after"] });
  }
  // The newest days may be drawn ahead by the background job: those cost nothing; the rest count.
  const refused = answers.filter((a) => a.status === 429);
  expect(refused.length).toBeGreaterThan(0);
  expect(answers.every((a) => a.status === 200 || a.status === 429)).toBe(true);
  expect(refused.every((a) => Number(a.retryAfter) > 0)).toBe(true);
  const drawn = answers.find((a) => a.status === 200)!;
  expect((await rawRequest(`${baseURL}/og/papers/${drawn.id}.png`, { localAddress: client })).status).toBe(200);
  expect((await rawRequest(`${baseURL}/og/papers/${refused[0]!.id}.png`, { localAddress: "127.0.0.211" })).status).toBe(200);
});
