import { NextRequest } from "next/server";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSmtpSink } from "../helpers/smtp";

// AUTH_URL on a loopback address, as a local production server is often started: Next.js names the
// host `localhost` in every request URL it hands Auth.js. lib/env.ts reads the environment on import.
const smtp = await startSmtpSink();
const SITE = "http://127.0.0.1:3000";
vi.stubEnv("AUTH_URL", SITE);
vi.stubEnv("SMTP_URL", smtp.url);
vi.stubEnv("LOG_SIGN_IN_LINKS", "0");
const authRoute = await import("@/app/api/auth/[...nextauth]/route");
const { resetDatabase } = await import("../helpers/db");

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => void unhandled.push(reason);
process.on("unhandledRejection", onUnhandled);

afterAll(async () => {
  process.off("unhandledRejection", onUnhandled);
  await smtp.close();
  vi.unstubAllEnvs();
});
beforeEach(async () => {
  await resetDatabase();
  smtp.clear();
  unhandled.length = 0;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => vi.restoreAllMocks());

const cookieHeader = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");

async function requestLink(email: string) {
  const headers = { "x-forwarded-for": "203.0.113.9" };
  const csrf = await authRoute.GET(new NextRequest(`${SITE}/api/auth/csrf`, { headers }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return authRoute.POST(
    new NextRequest(`${SITE}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: { ...headers, "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf) },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/papers/date/2026-03-17" }),
    }),
  );
}

const linkIn = (text: string | undefined) => /https?:\/\/\S+\/api\/auth\/callback\/nodemailer\S*/.exec(text ?? "")?.[0] ?? null;

describe(`with AUTH_URL=${SITE}`, () => {
  it("mails a link on AUTH_URL's own host, which signs in and lands on that host", async () => {
    const res = await requestLink("reader@example.org");
    expect(res.status).toBe(302);
    expect(res.headers.get("location")).toMatch(new RegExp(`^${SITE}/api/auth/verify-request\\?`));

    const [mail] = await smtp.waitFor("reader@example.org");
    const link = linkIn(mail!.parsed.text);
    expect(link).not.toBeNull();
    expect(new URL(link!).origin).toBe(SITE);
    expect(mail!.parsed.html).toContain(`href="${SITE}/api/auth/callback/nodemailer?`);

    const callback = await authRoute.GET(new NextRequest(link!));
    expect(callback.status).toBe(302);
    // The session cookie is set for the host the link was opened on: the redirect must stay there.
    expect(callback.headers.get("location")).toBe(`${SITE}/papers/date/2026-03-17`);
    expect(callback.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
    expect(unhandled).toEqual([]);
  });

  it("refuses a link for another origin with a message on the sign-in page, never an unhandled rejection", async () => {
    // Auth.js reads AUTH_URL again on each request: a link on another origin than the site's.
    vi.stubEnv("AUTH_URL", "http://papers.other.example");
    try {
      const res = await requestLink("victim@example.org");
      expect(res.status).toBe(302);
      const location = new URL(res.headers.get("location")!);
      expect(`${location.pathname}${location.search}`).toBe("/signin?error=AccessDenied");
    } finally {
      vi.stubEnv("AUTH_URL", SITE);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(unhandled).toEqual([]);
    expect(smtp.to("victim@example.org")).toEqual([]);
    expect(console.warn).toHaveBeenCalledWith(expect.stringContaining("refused to send a sign-in link to http://papers.other.example"));
  });
});
