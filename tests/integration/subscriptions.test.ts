import { eq } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSmtpSink, type ReceivedMail } from "../helpers/smtp";

// Who may subscribe, revive or read a subscription, against a real SMTP server on a free port.
// lib/env.ts reads the environment once, on import, so it is set before anything loads.
const smtp = await startSmtpSink();
const SITE = "https://papers.example.org";
vi.stubEnv("AUTH_URL", SITE);
vi.stubEnv("SMTP_URL", smtp.url);
vi.stubEnv("EMAIL_FROM", "Daily Papers <digest@papers.example.org>");

const { getDb } = await import("@/db");
const { subscriptions, follows } = await import("@/db/schema");
const subscriptionsRoute = await import("@/app/api/subscriptions/route");
const { POST: confirmRoute } = await import("@/app/api/subscriptions/confirm/route");
const { POST: unsubscribeRoute } = await import("@/app/api/unsubscribe/route");
const { sendDigests } = await import("@/server/digest/job");
const { CONFIRMATION_LIMITS, unsubscribeUrl } = await import("@/server/subscriptions");
const { createSignedInUser } = await import("../helpers/auth");
const { insertPapers, makePaper, resetDatabase } = await import("../helpers/db");

const db = await getDb();
const DAY = "2026-03-24";

afterAll(async () => {
  await smtp.close();
  vi.unstubAllEnvs();
});

let client = 0;
function request(method: string, body?: unknown, headers: Record<string, string> = {}) {
  client += 1;
  return new NextRequest(`${SITE}/api/subscriptions`, {
    method,
    headers: { origin: SITE, "content-type": "application/json", "x-forwarded-for": `127.0.4.${client % 250}`, ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}
const subscribe = (body: unknown, cookie?: string) => subscriptionsRoute.POST(request("POST", body, cookie ? { cookie } : {}));
const change = (body: unknown, cookie: string) => subscriptionsRoute.PATCH(request("PATCH", body, { cookie }));
const mine = async (cookie: string) => (await (await subscriptionsRoute.GET(request("GET", undefined, { cookie }))).json()).subscription;

const rowOf = async (email: string) => (await db.select().from(subscriptions).where(eq(subscriptions.email, email)))[0]!;
const digestsTo = (address: string) => smtp.to(address).filter((m) => m.parsed.subject?.includes("Papers, "));
const runDigests = () => sendDigests(db, { frequencies: ["daily", "weekly"], today: "2026-03-31" });

function confirmToken(mail: ReceivedMail): string {
  const link = /https:\/\/papers\.example\.org\/subscribe\/confirm\?token=[A-Za-z0-9._%-]+/.exec(mail.parsed.text ?? "")?.[0];
  if (!link) throw new Error("no confirmation link in the message");
  return new URL(link).searchParams.get("token")!;
}
const followLink = (token: string) =>
  confirmRoute(new NextRequest(`${SITE}/api/subscriptions/confirm?token=${encodeURIComponent(token)}`, { method: "POST" }));

/** A signed-in attacker with a topic of their own, which must never reach anyone else. */
async function attacker() {
  const user = await createSignedInUser("mallory@example.net");
  await db.insert(follows).values({ userId: user.userId, kind: "query", value: "eviltitle" });
  return user;
}

/** An account holder with a topic, and a subscription in the given state. */
async function accountHolder(status: "active" | "paused" | "unsubscribed", frequency: "daily" | "weekly" = "daily") {
  const user = await createSignedInUser("victim@example.com");
  await db.insert(follows).values({ userId: user.userId, kind: "query", value: "quantization" });
  await db.insert(subscriptions).values({ email: user.email, userId: user.userId, frequency, status, confirmedAt: new Date() });
  return user;
}

/** Everything a request could have moved, to compare before and after. */
const ownership = ({ userId, status, frequency, confirmedAt }: typeof subscriptions.$inferSelect) => ({
  userId,
  status,
  frequency,
  confirmedAt,
});

beforeEach(async () => {
  await resetDatabase();
  smtp.clear();
  await insertPapers([
    makePaper({ id: "2603.30001", title: "A popular paper", listedOn: DAY, sourceUpvotes: 50 }),
    makePaper({
      id: "2603.30002",
      title: "Quantization of the KV cache",
      abstract: "We study quantization.",
      listedOn: DAY,
      sourceUpvotes: 3,
    }),
    makePaper({ id: "2603.30003", title: "The eviltitle paper", abstract: "Spam.", listedOn: DAY, sourceUpvotes: 2 }),
  ]);
});

describe("a request from another account or from nobody", () => {
  it("leaves an account holder's unsubscribed row as it is: no takeover, GET shows nothing, PATCH cannot revive, no digest", async () => {
    const victim = await accountHolder("unsubscribed");
    const before = ownership(await rowOf(victim.email));
    const evil = await attacker();

    const res = await subscribe({ email: victim.email, frequency: "weekly" }, evil.cookie);
    expect(res.status).toBe(202);
    expect(ownership(await rowOf(victim.email))).toEqual(before);
    expect(await mine(evil.cookie)).toBeNull();
    expect((await change({ status: "active", frequency: "weekly" }, evil.cookie)).status).toBe(404);
    expect(ownership(await rowOf(victim.email))).toEqual(before);

    // The address gets a confirmation to ignore, and no digest.
    await smtp.waitFor(victim.email);
    expect((await runDigests()).result).toMatchObject({ sent: 0 });
    expect(digestsTo(victim.email)).toHaveLength(0);
  });

  it("leaves an email-only subscriber's one-click unsubscribe in place; following the mailed link revives it, still address-only", async () => {
    const address = "reader@example.com";
    const [row] = await db
      .insert(subscriptions)
      .values({ email: address, frequency: "daily", status: "active", confirmedAt: new Date() })
      .returning();
    const token = new URL(unsubscribeUrl(row!.id)).searchParams.get("token")!;
    const oneClick = await unsubscribeRoute(
      new NextRequest(`${SITE}/api/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(oneClick.status).toBe(200);
    const evil = await attacker();

    // Asked again and again: it stays unsubscribed and nobody's.
    for (let i = 0; i < 2; i++) expect((await subscribe({ email: address }, evil.cookie)).status).toBe(202);
    expect(await rowOf(address)).toMatchObject({ userId: null, status: "unsubscribed" });
    expect(await mine(evil.cookie)).toBeNull();
    expect((await change({ status: "active" }, evil.cookie)).status).toBe(404);
    expect((await runDigests()).result).toMatchObject({ sent: 0 });

    // The owner of the address follows the (latest) link: active again, with no account's topics.
    const mails = await smtp.waitFor(address, 2);
    expect((await followLink(confirmToken(mails[1]!))).status).toBe(303);
    expect(await rowOf(address)).toMatchObject({ userId: null, status: "active" });
    await subscribe({ frequency: "daily" }, evil.cookie); // the attacker's own digest, to show the topic has matches
    await runDigests();
    expect(String(digestsTo(evil.email)[0]!.parsed.html)).toContain("Matches “eviltitle”");
    const [digest] = digestsTo(address);
    expect(String(digest!.parsed.html)).toContain("A popular paper");
    expect(String(digest!.parsed.html)).not.toContain("“eviltitle”");
  });

  it("leaves a paused row paused, with its owner and frequency; an unsubscribe voids the link mailed before it", async () => {
    const victim = await accountHolder("paused", "daily");
    const before = ownership(await rowOf(victim.email));
    const evil = await attacker();
    expect((await subscribe({ email: victim.email, frequency: "weekly" })).status).toBe(202);
    expect((await subscribe({ email: victim.email, frequency: "weekly" }, evil.cookie)).status).toBe(202);
    expect(ownership(await rowOf(victim.email))).toEqual(before);
    expect((await runDigests()).result).toMatchObject({ sent: 0 });

    const [, latest] = await smtp.waitFor(victim.email, 2);
    expect((await change({ status: "unsubscribed" }, victim.cookie)).status).toBe(200);
    await followLink(confirmToken(latest!));
    expect(await rowOf(victim.email)).toMatchObject({ status: "unsubscribed", userId: victim.userId });
  });

  it("answers the same whatever the address's state, before the mail is sent", async () => {
    const victim = await accountHolder("unsubscribed");
    await db.insert(subscriptions).values({ email: "active@example.com", frequency: "daily", status: "active", confirmedAt: new Date() });
    const release = smtp.hold();
    try {
      const answers = [];
      for (const email of ["new@example.com", victim.email, "active@example.com"]) {
        const answered = await Promise.race([subscribe({ email }), new Promise<null>((resolve) => setTimeout(() => resolve(null), 2000))]);
        expect(answered, `no answer for ${email} while the mail server holds the message`).not.toBeNull();
        const body = await answered!.json();
        answers.push({ status: answered!.status, message: String(body.message).replace(email, "…"), state: body.subscription.status });
      }
      expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
      expect(smtp.received).toHaveLength(0);
    } finally {
      release();
    }
    await smtp.waitFor("new@example.com");
    await smtp.waitFor(victim.email);
  });

  it("limits confirmation emails per mailbox: inbox+1..8 is one inbox", async () => {
    const statuses = [];
    for (let i = 1; i <= 8; i++) statuses.push((await subscribe({ email: `inbox+${i}@example.org` })).status);
    expect(statuses).toEqual([...Array(CONFIRMATION_LIMITS.perAddress).fill(202), ...Array(8 - CONFIRMATION_LIMITS.perAddress).fill(429)]);
    for (let i = 1; i <= CONFIRMATION_LIMITS.perAddress; i++) await smtp.waitFor(`inbox+${i}@example.org`);
    expect(smtp.received).toHaveLength(CONFIRMATION_LIMITS.perAddress);
  });
});

describe("the owner", () => {
  it("unsubscribed in settings, cannot PATCH it back; subscribing again mails a link, which revives it with the account's topics", async () => {
    const owner = await accountHolder("active");
    expect((await change({ status: "unsubscribed" }, owner.cookie)).status).toBe(200);
    const revive = await change({ status: "active" }, owner.cookie);
    expect(revive.status).toBe(409);
    expect(await rowOf(owner.email)).toMatchObject({ status: "unsubscribed" });

    const again = await subscribe({ frequency: "weekly" }, owner.cookie);
    expect(again.status).toBe(202);
    expect(await rowOf(owner.email)).toMatchObject({ status: "unsubscribed", frequency: "daily" });
    expect(await mine(owner.cookie)).toEqual({ email: owner.email, frequency: "daily", status: "unsubscribed" });

    const [mail] = await smtp.waitFor(owner.email);
    expect((await followLink(confirmToken(mail!))).status).toBe(303);
    expect(await rowOf(owner.email)).toMatchObject({ status: "active", frequency: "weekly", userId: owner.userId });
    await runDigests();
    expect(String(digestsTo(owner.email)[0]!.parsed.html)).toContain("Matches “quantization”");
  });

  it("sees only their own subscription, not one of another account at their address", async () => {
    const other = await createSignedInUser("other@example.org");
    const owner = await createSignedInUser("shared@example.org");
    await db
      .insert(subscriptions)
      .values({ email: owner.email, userId: other.userId, frequency: "daily", status: "active", confirmedAt: new Date() });
    expect(await mine(owner.cookie)).toBeNull();
    expect((await change({ status: "paused" }, owner.cookie)).status).toBe(404);
    expect(await mine(other.cookie)).toMatchObject({ email: owner.email, status: "active" });
  });
});
