import { eq, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { sessions, users, verificationTokens } from "@/db/schema";
import { handlers } from "@/server/auth";
import { ForeignLinkError, sendSignInEmail } from "@/server/email/sign-in";
import { resetDatabase } from "../helpers/db";

let logged: string[] = [];
beforeEach(async () => {
  await resetDatabase();
  logged = [];
  vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterEach(() => vi.restoreAllMocks());

const cookiesOf = (res: Response) => res.headers.getSetCookie();
const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

async function requestLink(
  email: string,
  { base = "http://localhost:3000", ip = "203.0.113.7", headers = {} as Record<string, string> } = {},
) {
  const csrf = await handlers.GET(new NextRequest(`${base}/api/auth/csrf`, { headers: { "x-forwarded-for": ip, ...headers } }));
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  return handlers.POST(
    new NextRequest(`${base}/api/auth/signin/nodemailer`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: cookieHeader(cookiesOf(csrf)),
        "x-forwarded-for": ip,
        ...headers,
      },
      body: new URLSearchParams({ email, csrfToken, callbackUrl: "/papers/date/2026-03-17" }),
    }),
  );
}

function loggedLink(): string {
  const line = logged.find((l) => l.includes("SIGN-IN LINK"));
  const url = line && /https?:\/\/\S+/.exec(line)?.[0];
  if (!url) throw new Error("no sign-in link was logged");
  return url;
}

describe("email sign-in (Auth.js, nodemailer provider)", () => {
  it("logs a labelled magic link without SMTP, signs in once with it, and rejects its reuse", async () => {
    const res = await requestLink("Reader@Example.org");
    expect(res.status).toBe(302);
    // Auth.js answers with its verify-request step, which in turn shows our /signin/check-email page.
    expect(res.headers.get("location")).toMatch(/\/api\/auth\/verify-request\?provider=nodemailer&type=email$/);
    const link = loggedLink();

    const callback = await handlers.GET(new NextRequest(link));
    expect(callback.status).toBe(302);
    expect(callback.headers.get("location")).toBe("http://localhost:3000/papers/date/2026-03-17");
    const session = cookiesOf(callback).find((c) => c.startsWith("authjs.session-token="));
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    expect(session).not.toMatch(/Secure/);

    const db = await getDb();
    const [user] = await db.select().from(users).where(eq(users.email, "reader@example.org"));
    expect(user).toBeDefined();
    expect(await db.select().from(sessions).where(eq(sessions.userId, user!.id))).toHaveLength(1);
    // Its public handle, from the address's local part.
    expect(user!.handle).toBe("reader");

    const again = await handlers.GET(new NextRequest(link));
    expect(again.headers.get("location")).toMatch(/\/signin\?error=Verification/);
  });

  it("builds the link from the public URL, whatever Host and X-Forwarded-Host say", async () => {
    const res = await requestLink("victim@example.org", {
      base: "http://evil.example",
      headers: { host: "evil.example", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" },
    });
    expect(res.headers.get("location")).toMatch(/^http:\/\/localhost:3000\/api\/auth\/verify-request/);
    const link = loggedLink();
    expect(new URL(link).origin).toBe("http://localhost:3000");
    expect(link).not.toContain("evil.example");
    const callback = await handlers.GET(new NextRequest(link));
    expect(callback.headers.get("location")).toBe("http://localhost:3000/papers/date/2026-03-17");
  });

  it("never sends a link to another origin", async () => {
    await expect(
      sendSignInEmail({ to: "victim@example.org", url: "http://evil.example/api/auth/callback/nodemailer?token=x" }),
    ).rejects.toThrow(ForeignLinkError);
    expect(logged.some((l) => l.includes("SIGN-IN LINK"))).toBe(false);
  });

  it("refuses an expired link", async () => {
    await requestLink("late@example.org");
    const db = await getDb();
    await db
      .update(verificationTokens)
      .set({ expires: new Date(Date.now() - 1000) })
      .where(eq(verificationTokens.identifier, "late@example.org"));
    const res = await handlers.GET(new NextRequest(loggedLink()));
    expect(res.headers.get("location")).toMatch(/\/signin\?error=Verification/);
  });

  it("answers the same whether or not the address has an account", async () => {
    const db = await getDb();
    await db.insert(users).values({ email: "known@example.org" });
    const known = await requestLink("known@example.org");
    const unknown = await requestLink("unknown@example.org");
    expect([known.status, known.headers.get("location")]).toEqual([unknown.status, unknown.headers.get("location")]);
  });

  it("allows 5 emails per address and 30 per IP in 15 minutes", async () => {
    for (let i = 0; i < 5; i++) {
      expect((await requestLink("busy@example.org", { ip: `198.51.100.${i}` })).headers.get("location")).toMatch(/verify-request/);
    }
    const sixth = await requestLink("busy@example.org", { ip: "198.51.100.99" });
    expect(sixth.headers.get("location")).toMatch(/\/signin\?error=RateLimited$/);

    for (let i = 0; i < 30; i++) {
      expect((await requestLink(`lab${i}@example.org`, { ip: "192.0.2.10" })).headers.get("location")).toMatch(/verify-request/);
    }
    const blocked = await requestLink("lab30@example.org", { ip: "192.0.2.10" });
    expect(blocked.headers.get("location")).toMatch(/error=RateLimited$/);
    const db = await getDb();
    const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(verificationTokens);
    expect(row!.n).toBe(35); // blocked requests made no link
  });

  it("counts the per-address limit per mailbox: inbox+1..8 and dotted Gmail spellings are one inbox", async () => {
    const asked = ["inbox+1@example.org", "Inbox+2@example.org", "inbox+3@example.org", "INBOX+4@EXAMPLE.ORG", "inbox+5@example.org"];
    for (const [i, email] of asked.entries()) {
      expect((await requestLink(email, { ip: `198.51.100.${i}` })).headers.get("location")).toMatch(/verify-request/);
    }
    for (let i = 6; i <= 8; i++) {
      expect((await requestLink(`inbox+${i}@example.org`, { ip: `198.51.100.${i}` })).headers.get("location")).toMatch(
        /error=RateLimited$/,
      );
    }
    expect(logged.filter((l) => l.includes("SIGN-IN LINK"))).toHaveLength(5);

    for (let i = 0; i < 5; i++) await requestLink(i % 2 ? "j.doe@gmail.com" : "JDoe+x@googlemail.com", { ip: `198.51.101.${i}` });
    expect((await requestLink("j.d.o.e@gmail.com", { ip: "198.51.101.99" })).headers.get("location")).toMatch(/error=RateLimited$/);
  });
});
