import { NextRequest } from "next/server";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// This file's modules see an https public URL: lib/env.ts reads the environment once, on import.
vi.stubEnv("AUTH_URL", "https://papers.example.org");
const { handlers } = await import("@/server/auth");
const authRoute = await import("@/app/api/auth/[...nextauth]/route");
const { resetDatabase } = await import("../helpers/db");

let logged: string[] = [];
beforeAll(() => {
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterAll(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  await resetDatabase();
  logged = [];
});

const cookiesOf = (res: Response) => res.headers.getSetCookie();

async function requestLink(email: string, base: string, headers: Record<string, string>) {
  const csrf = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return handlers.POST(
    new NextRequest(`${base}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: {
        ...headers,
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookiesOf(csrf)
          .map((c) => c.split(";")[0])
          .join("; "),
      },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/papers/date/2026-03-17" }),
    }),
  );
}

const loggedLink = () => /https?:\/\/\S+/.exec(logged.find((l) => l.includes("SIGN-IN LINK")) ?? "")?.[0] ?? null;

describe("with AUTH_URL=https://papers.example.org", () => {
  it("mails links to the public URL even when the request came to another host", async () => {
    await requestLink("victim@example.org", "http://127.0.0.1:3000", {
      "x-forwarded-host": "evil.example",
      "x-forwarded-for": "198.51.100.1",
    });
    const link = loggedLink();
    expect(link).not.toBeNull();
    expect(new URL(link!).origin).toBe("https://papers.example.org");
  });

  it("sets Secure, __Secure- prefixed session cookies", async () => {
    await requestLink("secure@example.org", "https://papers.example.org", { "x-forwarded-for": "198.51.100.2" });
    const res = await handlers.GET(new NextRequest(loggedLink()!));
    const session = cookiesOf(res).find((c) => c.startsWith("__Secure-authjs.session-token="));
    expect(session).toMatch(/; Secure/i);
    expect(session).toMatch(/HttpOnly/i);
  });
});

describe("with AUTH_URL=https://papers.example.org, a __Secure-authjs.callback-url cookie", () => {
  for (const value of ["%E0%A4%A", "%00", "javascript:alert(1)"]) {
    it(`of ${value} is ignored on /api/auth/session, /csrf and /providers`, async () => {
      for (const path of ["session", "csrf", "providers"]) {
        const res = await authRoute.GET(
          new NextRequest(`https://papers.example.org/api/auth/${path}`, { headers: { cookie: `__Secure-authjs.callback-url=${value}` } }),
        );
        expect(res.status, path).toBe(200);
      }
    });
  }
});
