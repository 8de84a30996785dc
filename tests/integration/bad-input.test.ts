import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { GET as authGet, POST as authPost } from "@/app/api/auth/[...nextauth]/route";
import { GET as dailyPapers } from "@/app/api/daily_papers/route";
import { GET as apiSearch } from "@/app/api/papers/search/route";
import { GET as pageSearch } from "@/app/api/search/route";
import SearchPage from "@/app/papers/page";
import { MALFORMED_PATH } from "@/lib/decode";
import { proxy } from "@/proxy";
import { insertPapers, makePaper, resetDatabase } from "../helpers/db";

const ORIGIN = "http://localhost:3000";
let logged: string[] = [];

beforeAll(async () => {
  await resetDatabase();
  await insertPapers([makePaper({ id: "2605.00001", title: "A model of attention", organizationName: null })]);
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterAll(() => {
  vi.restoreAllMocks();
});

describe("a NUL in a query parameter, which PostgreSQL refuses", () => {
  const cases: [string, (r: NextRequest) => Promise<Response>, string, string][] = [
    ["/api/papers/search", apiSearch, "q=model&org=%00", "org"],
    ["/api/papers/search", apiSearch, "q=mo%00del", "q"],
    ["/api/search", pageSearch, "q=model&org=a%00", "org"],
    ["/api/daily_papers", dailyPapers, "date=2026-03-0%00", "date"],
  ];
  for (const [path, handler, query, name] of cases) {
    it(`is a 400 naming it: ${path}?${query}`, async () => {
      const res = await handler(new NextRequest(`${ORIGIN}${path}?${query}`));
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { message: `Parameter "${name}" holds a NUL character.` } });
    });
  }

  it("is an ignored filter on the search page (/papers?q=model&org=%00, /papers?org=a%00)", async () => {
    for (const searchParams of [{ q: "model", org: "\u0000" }, { org: "a\u0000" }]) {
      const page = await SearchPage({ searchParams: Promise.resolve(searchParams) });
      const tree = JSON.stringify(page);
      expect(tree).toContain("were ignored: ");
      expect(tree).toContain("org: must not hold a NUL character");
    }
  });
});

describe("a search page query over 250 characters", () => {
  it("stays in the box as typed, and nothing is searched for it", async () => {
    const q = "attention ".repeat(32).trim();
    const page = await SearchPage({ searchParams: Promise.resolve({ q }) });
    const tree = JSON.stringify(page);
    expect(tree).toContain(`"initialParams":{"q":"${q}"`);
    expect(tree).not.toContain('"initialPage"');
    expect(tree).not.toContain("were ignored");
  });
});

const cookiesOf = (res: Response) => res.headers.getSetCookie();
const BAD_CALLBACKS = ["%E0%A4%A", "%00", "javascript:alert(1)", "javascript%3Aalert(1)"];

describe("an Auth.js callback-url cookie that is not a place on this site is ignored", () => {
  for (const value of BAD_CALLBACKS) {
    it(`${value}: /api/auth/session, /csrf and /providers answer as without it`, async () => {
      for (const path of ["session", "csrf", "providers"]) {
        const res = await authGet(
          new NextRequest(`${ORIGIN}/api/auth/${path}`, { headers: { cookie: `authjs.callback-url=${value}; other=1` } }),
        );
        expect(res.status, path).toBe(200);
      }
    });
  }

  it("the magic link's callback still signs in, to the page the form asked for", async () => {
    const csrf = await authGet(new NextRequest(`${ORIGIN}/api/auth/csrf`));
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    logged = [];
    const sent = await authPost(
      new NextRequest(`${ORIGIN}/api/auth/signin/nodemailer`, {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: cookiesOf(csrf)
            .map((c) => c.split(";")[0])
            .join("; "),
        },
        body: new URLSearchParams({ email: "cookie@example.org", csrfToken, callbackUrl: "/papers/date/2026-03-17" }),
      }),
    );
    expect(sent.status).toBe(302);
    const link = /https?:\/\/\S+/.exec(logged.find((l) => l.includes("SIGN-IN LINK")) ?? "")![0];
    const callback = await authGet(new NextRequest(link, { headers: { cookie: "authjs.callback-url=%E0%A4%A" } }));
    expect(callback.status).toBe(302);
    expect(cookiesOf(callback).some((c) => c.startsWith("authjs.session-token="))).toBe(true);
  });
});

describe("a path that is not valid percent-encoding", () => {
  // `npm start` answers these before Next.js (tests/e2e/security.spec.ts); under `next dev`,
  // `next start` or a serverless host the proxy does, where Next.js answers a bare 400 or 500.
  it("is the site's own 404 page through the proxy, and a JSON 404 under /api/", async () => {
    for (const path of ["/papers/%E0%A4%A", "/papers/date/%E0%A4%A", "/%"]) {
      const res = await proxy(new NextRequest(`${ORIGIN}${path}`));
      expect(res.headers.get("x-middleware-rewrite"), path).toBe(`${ORIGIN}${MALFORMED_PATH}`);
    }
    const api = await proxy(new NextRequest(`${ORIGIN}/api/papers/%E0%A4%A`));
    expect(api.status).toBe(404);
    expect(await api.json()).toMatchObject({ error: { code: "not_found:path" } });
    // A path that decodes is routed as usual.
    expect((await proxy(new NextRequest(`${ORIGIN}/papers/author/Ada%20Lovelace`))).headers.get("x-middleware-next")).toBe("1");
  });
});
