import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { purgeExpired } from "@/db/queries/housekeeping";
import { rateLimits, sessions, users, verificationTokens } from "@/db/schema";
import { emailSignInProblem, sendSignInEmail } from "@/server/email/sign-in";
import { env, runtime } from "@/lib/env";
import { resetDatabase } from "../helpers/db";

const saved = { logLinks: env.LOG_SIGN_IN_LINKS, smtp: env.SMTP_URL, devServer: runtime.devServer };
afterEach(() => {
  env.LOG_SIGN_IN_LINKS = saved.logLinks;
  env.SMTP_URL = saved.smtp;
  runtime.devServer = saved.devServer;
  vi.restoreAllMocks();
});
beforeEach(resetDatabase);

describe("purgeExpired", () => {
  it("deletes expired sign-in tokens, sessions and old rate-limit windows, and nothing live", async () => {
    const db = await getDb();
    const now = new Date("2026-06-01T12:00:00Z");
    const [user] = await db.insert(users).values({ email: "a@example.org" }).returning();
    await db.insert(verificationTokens).values([
      { identifier: "a@example.org", token: "old", expires: new Date("2026-06-01T11:59:00Z") },
      { identifier: "a@example.org", token: "live", expires: new Date("2026-06-01T12:10:00Z") },
    ]);
    await db.insert(sessions).values([
      { sessionToken: "gone", userId: user!.id, expires: new Date("2026-05-31T00:00:00Z") },
      { sessionToken: "kept", userId: user!.id, expires: new Date("2026-07-01T00:00:00Z") },
    ]);
    await db.insert(rateLimits).values([
      { key: "signin:ip:1", windowStart: new Date("2026-05-30T12:00:00Z"), count: 3 },
      { key: "signin:ip:1", windowStart: new Date("2026-06-01T11:45:00Z"), count: 1 },
    ]);

    expect(await purgeExpired(db, { now })).toEqual({ verificationTokens: 1, sessions: 1, rateLimitWindows: 1 });
    expect((await db.select().from(verificationTokens)).map((t) => t.token)).toEqual(["live"]);
    expect((await db.select().from(sessions)).map((s) => s.sessionToken)).toEqual(["kept"]);
    expect(await db.select({ count: rateLimits.count }).from(rateLimits)).toEqual([{ count: 1 }]);
  });
});

describe("sign-in links in the log", () => {
  it("are printed only under next dev or with LOG_SIGN_IN_LINKS=1", async () => {
    env.SMTP_URL = undefined;
    env.LOG_SIGN_IN_LINKS = "0";
    runtime.devServer = false;
    expect(emailSignInProblem()).toMatch(/set SMTP_URL/);
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await expect(
      sendSignInEmail({ to: "a@example.org", url: "http://localhost:3000/api/auth/callback/nodemailer?token=t" }),
    ).rejects.toThrow(/SMTP_URL/);
    expect(log).not.toHaveBeenCalled();

    runtime.devServer = true;
    expect(emailSignInProblem()).toBeNull();
    runtime.devServer = false;
    env.LOG_SIGN_IN_LINKS = "1";
    expect(emailSignInProblem()).toBeNull();
    await sendSignInEmail({ to: "a@example.org", url: "http://localhost:3000/api/auth/callback/nodemailer?token=t" });
    expect(log.mock.calls.join(" ")).toContain("SIGN-IN LINK");
  });
});
