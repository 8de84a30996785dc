import { generateKeyPairSync } from "node:crypto";
import { sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeEach, describe, expect, it, vi } from "vitest";
import { startSmtpSink, type ReceivedMail } from "../helpers/smtp";

// Every message of this file goes to a real SMTP server on a free local port, DKIM-signed with a
// test key; lib/env.ts reads the environment once, on import, so it is set before anything loads.
const smtp = await startSmtpSink();
const { privateKey, publicKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const SITE = "https://papers.example.org";
vi.stubEnv("AUTH_URL", SITE);
vi.stubEnv("SMTP_URL", smtp.url);
vi.stubEnv("EMAIL_FROM", "Daily Papers <digest@papers.example.org>");
vi.stubEnv("CRON_SECRET", "digest-test-secret");
vi.stubEnv("DKIM_DOMAIN", "papers.example.org");
vi.stubEnv("DKIM_SELECTOR", "test");
vi.stubEnv("DKIM_PRIVATE_KEY", privateKey.export({ type: "pkcs8", format: "pem" }).toString().replace(/\n/g, "\\n"));

const { getDb, rowsOf } = await import("@/db");
const { subscriptions, follows: followsTable } = await import("@/db/schema");
const { POST: subscribeRoute } = await import("@/app/api/subscriptions/route");
const { POST: confirmRoute } = await import("@/app/api/subscriptions/confirm/route");
const { POST: unsubscribeRoute } = await import("@/app/api/unsubscribe/route");
const { GET: digestCron } = await import("@/app/api/cron/digest/route");
const { GET: previewRoute } = await import("@/app/settings/email/preview/route");
const { sendDigests, MAX_ATTEMPTS } = await import("@/server/digest/job");
const { runJob } = await import("@/server/jobs/job");
const { digestJob } = await import("@/server/digest/job");
const { confirmationState, unsubscribeState, CONFIRMATION_LIMITS } = await import("@/server/subscriptions");
const { sendMail } = await import("@/server/email/mailer");
const { authenticate } = await import("mailauth");
const { createSignedInUser } = await import("../helpers/auth");
const { insertPapers, makePaper, resetDatabase } = await import("../helpers/db");

const db = await getDb();
const DAY = "2026-03-24"; // a Tuesday: the latest listing day
const TODAY = "2026-03-25";

afterAll(async () => {
  await smtp.close();
  vi.unstubAllEnvs();
});

let client = 0;
/** A request as a browser on this site sends it, from its own client address. */
function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  client += 1;
  return new NextRequest(`${SITE}${path}`, {
    method: "POST",
    headers: { origin: SITE, "content-type": "application/json", "x-forwarded-for": `127.0.3.${client % 250}`, ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const subscribe = (body: unknown, headers: Record<string, string> = {}) => subscribeRoute(post("/api/subscriptions", body, headers));

async function addSubscriber(email: string, frequency: "daily" | "weekly" = "daily", userId: string | null = null) {
  const [row] = await db.insert(subscriptions).values({ email, frequency, userId, status: "active", confirmedAt: new Date() }).returning();
  return row!;
}

async function follow(userId: string, kind: "query" | "author" | "organization" | "category", value: string) {
  await db.insert(followsTable).values({ userId, kind, value });
}

const run = (
  options: Parameters<typeof sendDigests>[1] = { frequencies: ["daily"], today: TODAY },
  extra?: Parameters<typeof sendDigests>[2],
) => sendDigests(db, options, extra);

/** Time for mail sent after a response to arrive, before checking that none did. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

const digestsTo = (address: string) => smtp.to(address).filter((m) => m.parsed.subject?.includes("Papers, "));
const rawHeader = (mail: ReceivedMail, name: string) =>
  mail.parsed.headerLines.find((h) => h.key === name.toLowerCase())?.line.replace(/^[^:]+:\s*/, "");

/** The token of the confirmation link in a message's plain-text part. */
function confirmToken(mail: ReceivedMail): string {
  const link = /https:\/\/papers\.example\.org\/subscribe\/confirm\?token=[A-Za-z0-9._%-]+/.exec(mail.parsed.text ?? "")?.[0];
  if (!link) throw new Error("no confirmation link in the message");
  return new URL(link).searchParams.get("token")!;
}

async function deliveryRows() {
  return rowsOf<{ email: string; period: string; status: string; attempts: number }>(
    await db.execute(
      sql`select s.email, d.period, d.status, d.attempts from digest_deliveries d join subscriptions s on s.id = d.subscription_id order by s.email`,
    ),
  );
}

beforeEach(async () => {
  await resetDatabase();
  smtp.clear();
  smtp.refuseAfter(null);
  await insertPapers(
    [
      // Ten popular papers of the day: the top section.
      ...Array.from({ length: 10 }, (_, i) =>
        makePaper({
          id: `2603.1${String(i).padStart(4, "0")}`,
          title: `Popular paper ${i} on reasoning`,
          abstract: `A study of reasoning number ${i}. `.repeat(30),
          authors: ["Ada Lovelace", "Alan Turing"],
          listedOn: DAY,
          sourceUpvotes: 100 - i,
          categories: ["cs.AI"],
          organizationName: i === 0 ? "acme" : null,
        }),
      ),
      // Less upvoted papers that only followers of their topics get.
      makePaper({
        id: "2603.20001",
        title: "Quantization of the KV cache",
        abstract: "We study quantization to 3.1\\% of the bits, {\\emph without} loss~(KV). % a note\nDone.",
        listedOn: DAY,
        sourceUpvotes: 3,
        categories: ["cs.LG"],
      }),
      makePaper({
        id: "2603.20002",
        title: "Compilers for everyone",
        abstract: "Grace writes compilers.",
        authors: ["Grace Hopper"],
        listedOn: DAY,
        sourceUpvotes: 2,
        categories: ["cs.PL"],
      }),
      makePaper({
        id: "2603.20003",
        title: "Translation with small models",
        abstract: "Machine translation.",
        listedOn: DAY,
        sourceUpvotes: 1,
        categories: ["cs.CL"],
      }),
      // The day before: outside the daily digest, inside the week's.
      makePaper({
        id: "2603.20004",
        title: "Quantization, earlier",
        abstract: "Quantization again.",
        listedOn: "2026-03-23",
        sourceUpvotes: 50,
        categories: ["cs.LG"],
      }),
    ],
    [{ name: "acme", fullname: "Acme Research" }],
  );
});

describe("subscribing", () => {
  it("signed in, subscribes the account's address at once (201, then 200) and mails nothing", async () => {
    const { cookie, email } = await createSignedInUser("reader@example.org");
    const first = await subscribe({ frequency: "weekly" }, { cookie });
    expect(first.status).toBe(201);
    expect(await first.json()).toEqual({ subscription: { email, frequency: "weekly", status: "active" } });
    const again = await subscribe({ frequency: "daily" }, { cookie });
    expect(again.status).toBe(200);
    expect((await again.json()).subscription.frequency).toBe("daily");
    expect(smtp.received).toHaveLength(0);
  });

  it("signed out, mails a confirmation only, and the address gets digests once it is confirmed, once", async () => {
    const res = await subscribe({ email: "Someone@Example.org", frequency: "daily" });
    expect(res.status).toBe(202);
    expect((await res.json()).subscription).toEqual({ email: "someone@example.org", frequency: "daily", status: "pending" });
    const [confirmation] = await smtp.waitFor("someone@example.org");
    expect(smtp.to("someone@example.org")).toHaveLength(1);
    expect(confirmation!.parsed.subject).toBe("Confirm your Daily Papers daily digest");

    // Unconfirmed: a digest run sends it nothing.
    const before = await run();
    expect(before.result.sent).toBe(0);
    expect(smtp.to("someone@example.org")).toHaveLength(1);

    const token = confirmToken(confirmation!);
    // Opening the link (a GET, as scanners do) confirms nothing.
    expect((await confirmationState(token)).kind).toBe("ready");
    const confirmed = await confirmRoute(
      new NextRequest(`${SITE}/api/subscriptions/confirm?token=${encodeURIComponent(token)}`, { method: "POST" }),
    );
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get("location")).toBe(`/subscribe/confirm?${new URLSearchParams({ token })}`);
    expect((await confirmationState(token)).kind).toBe("done");

    const after = await run();
    expect(after.result.sent).toBe(1);
    expect(digestsTo("someone@example.org")).toHaveLength(1);

    // Single use: the same link confirms nothing more (and a new request replaces it).
    expect((await subscribe({ email: "someone@example.org", frequency: "weekly" })).status).toBe(202);
    await settle();
    expect(smtp.to("someone@example.org")).toHaveLength(2); // already active: no new confirmation
  });

  it("refuses altered and expired confirmation links, changing nothing", async () => {
    await subscribe({ email: "late@example.org" });
    const token = confirmToken((await smtp.waitFor("late@example.org"))[0]!);
    const altered = token.slice(0, -2) + (token.endsWith("AA") ? "BB" : "AA");
    const res = await confirmRoute(
      new NextRequest(`${SITE}/api/subscriptions/confirm?token=${encodeURIComponent(altered)}`, { method: "POST" }),
    );
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("not valid");
    expect((await confirmationState(token, Date.now() + 49 * 3600_000)).kind).toBe("expired");
    const [row] = await db.select().from(subscriptions);
    expect(row!.status).toBe("pending");
  });

  it("limits confirmation emails per address and per client", async () => {
    for (let i = 0; i < CONFIRMATION_LIMITS.perAddress; i++) expect((await subscribe({ email: "victim@example.org" })).status).toBe(202);
    const flood = await subscribe({ email: "victim@example.org" });
    expect(flood.status).toBe(429);
    expect(flood.headers.get("retry-after")).toMatch(/^\d+$/);
    await smtp.waitFor("victim@example.org", CONFIRMATION_LIMITS.perAddress);
    await settle();
    expect(smtp.to("victim@example.org")).toHaveLength(CONFIRMATION_LIMITS.perAddress);

    const same = { "x-forwarded-for": "127.0.9.9" };
    for (let i = 0; i < CONFIRMATION_LIMITS.perClient; i++)
      expect((await subscribe({ email: `a${i}@example.org` }, same)).status).toBe(202);
    expect((await subscribe({ email: "one-more@example.org" }, same)).status).toBe(429);
  });

  it("answers bad input with a 400 and cross-site posts with a 403", async () => {
    expect((await subscribe({ email: "not an address" })).status).toBe(400);
    expect((await subscribe({ frequency: "hourly", email: "a@example.org" })).status).toBe(400);
    expect((await subscribe({})).status).toBe(400);
    expect((await subscribe("{oops")).status).toBe(400);
    expect((await subscribe({ email: "a@example.org", extra: 1 })).status).toBe(400);
    expect((await subscribe({ email: "a@example.org" }, { origin: "https://evil.example" })).status).toBe(403);
    expect(smtp.received).toHaveLength(0);
  });
});

describe("the digest", () => {
  it("holds the top papers and a section per topic, with absolute links, in HTML and plain text", async () => {
    const { userId, email } = await createSignedInUser("topics@example.org");
    await addSubscriber(email, "daily", userId);
    await follow(userId, "query", "quantization");
    await follow(userId, "author", "Grace Hopper");
    await follow(userId, "organization", "acme");
    await follow(userId, "category", "cs.CL");

    const { result } = await run();
    expect(result).toMatchObject({ period: `day:${DAY}`, sent: 1, failed: 0 });
    const [mail] = digestsTo(email);
    const html = String(mail!.parsed.html);
    const text = mail!.parsed.text!;
    expect(mail!.parsed.subject).toBe(`Daily Papers, Tuesday, March 24, 2026: Popular paper 0 on reasoning and 12 more`);
    for (let i = 0; i < 10; i++) expect(html).toContain(`${SITE}/papers/2603.1${String(i).padStart(4, "0")}`);
    // Topic sections: the new matches of each, none of the day before, none shown twice.
    expect(html).toContain("New for “quantization”");
    expect(html).toContain(`${SITE}/papers/2603.20001`);
    expect(html).not.toContain("2603.20004");
    expect(html).toContain("New for Grace Hopper");
    expect(html).toContain("New for cs.CL");
    expect(html).toContain(`${SITE}/papers/2603.20003`);
    // Acme's paper is in the top section, which says it matches; it gets no section of its own.
    expect(html).toContain("Matches Acme Research");
    expect(html).not.toContain("New for Acme Research");
    expect(html.match(/papers\/2603\.10000"/g)).toHaveLength(1);
    // Title, authors, organization, upvotes, a short abstract; no external assets.
    expect(html).toContain("Acme Research · Ada Lovelace, Alan Turing");
    expect(html).toContain("▲ 100");
    expect(html).toContain("A study of reasoning number 0.");
    expect(html).toMatch(/…/);
    expect(html).not.toMatch(/<img|<link|<script|src="http/);
    // The plain-text part reads on its own: titles with their absolute links, the unsubscribe link.
    expect(text).toContain("Quantization of the KV cache");
    // An abstract's TeX is read, in both parts.
    for (const part of [html, text]) expect(part).toContain("We study quantization to 3.1% of the bits, without loss (KV). Done.");
    expect(text).toContain(`${SITE}/papers/2603.20001`);
    expect(text).toMatch(/unsubscribe https:\/\/papers\.example\.org\/unsubscribe\?token=/);
    expect(mail!.parsed.messageId).toMatch(new RegExp(`^<digest\\.day-${DAY}\\.[0-9a-f-]{36}@papers\\.example\\.org>$`));
  });

  it("carries RFC 8058 one-click headers and a List-Id, signed by DKIM (h= covers both List-Unsubscribe headers)", async () => {
    await addSubscriber("signed@example.org");
    await run();
    const [mail] = digestsTo("signed@example.org");
    expect(rawHeader(mail!, "List-Unsubscribe-Post")).toBe("List-Unsubscribe=One-Click");
    expect(rawHeader(mail!, "List-Unsubscribe")).toMatch(/^<https:\/\/papers\.example\.org\/unsubscribe\?token=[^>]+>$/);
    expect(rawHeader(mail!, "List-Id")).toBe("Daily Papers daily digest <daily.digest.papers.example.org>");

    const spki = publicKey.export({ type: "spki", format: "der" }).toString("base64");
    const resolver = async (name: string, type: string) => {
      if (type === "TXT" && name === "test._domainkey.papers.example.org") return [[`v=DKIM1; k=rsa; p=${spki}`]];
      const error = new Error(`no ${type} record for ${name}`) as Error & { code: string };
      error.code = "ENOTFOUND";
      throw error;
    };
    const { dkim } = await authenticate(mail!.raw, {
      resolver,
      trustReceived: false,
      disableArc: true,
      disableBimi: true,
      disableDmarc: true,
    });
    const [signature] = dkim.results;
    expect(signature!.status.result).toBe("pass");
    const signed = String(signature!.signingHeaders?.keys ?? "")
      .toLowerCase()
      .split(":")
      .map((h) => h.trim());
    expect(signed).toEqual(expect.arrayContaining(["list-unsubscribe", "list-unsubscribe-post", "from", "subject"]));
  });

  it("re-run sends nothing new; a period with nothing new sends nothing; no paper is sent twice", async () => {
    const { userId, email } = await createSignedInUser("twice@example.org");
    const sub = await addSubscriber(email, "daily", userId);
    await follow(userId, "query", "quantization");
    expect((await run()).result.sent).toBe(1);
    const again = await run();
    expect(again.result).toMatchObject({ sent: 0, skipped: 1, failed: 0 });
    expect(digestsTo(email)).toHaveLength(1);

    // Weekly from now on: the week (Mar 23–29) holds only the day before's paper that is new to them.
    await db
      .update(subscriptions)
      .set({ frequency: "weekly" })
      .where(sql`${subscriptions.id} = ${sub.id}`);
    const weekly = await run({ frequencies: ["weekly"], today: "2026-03-30" });
    expect(weekly.result).toMatchObject({ period: "week:2026-W13", sent: 1 });
    const weekMail = digestsTo(email)[1]!;
    expect(String(weekMail.parsed.html)).toContain("2603.20004");
    expect(String(weekMail.parsed.html)).not.toMatch(/2603\.1000\d|2603\.20001/);

    // A weekly digest of a week with nothing new for them (the same week, another subscriber key): nothing.
    await db.execute(sql`delete from digest_deliveries where period = 'week:2026-W13'`);
    const empty = await run({ frequencies: ["weekly"], today: "2026-03-30" });
    expect(empty.result).toMatchObject({ sent: 0, skipped: 1 });
    expect(digestsTo(email)).toHaveLength(2);
    // An earlier week with no papers at all sends nothing either.
    expect((await run({ frequencies: ["weekly"], today: "2026-03-16" })).result).toMatchObject({ period: "week:2026-W11", sent: 0 });
  });

  it("when the mail server starts refusing after the third message, a later run delivers the rest: each digest exactly once", async () => {
    const addresses = Array.from({ length: 7 }, (_, i) => `r${i}@example.org`);
    for (const a of addresses) await addSubscriber(a);
    smtp.refuseAfter(3);
    const first = await run();
    expect(first.result).toMatchObject({ sent: 3, failed: 4 });
    expect(first.error).toBeNull();
    smtp.refuseAfter(null);
    const second = await run();
    expect(second.result).toMatchObject({ sent: 4, failed: 0, skipped: 3 });
    for (const a of addresses) expect(digestsTo(a)).toHaveLength(1);
    expect((await deliveryRows()).map((r) => r.status)).toEqual(addresses.map(() => "sent"));
  });

  it("retries a refused digest on later runs, at most MAX_ATTEMPTS times, and blocks nobody else", async () => {
    await addSubscriber("ok@example.org");
    await addSubscriber("bad@example.org");
    const send: Parameters<typeof run>[1] = {
      send: async (mail) => {
        if (mail.to === "bad@example.org") throw new Error("550 mailbox unavailable");
        await sendMail(mail);
      },
    };
    const outcomes = [];
    for (let i = 0; i < MAX_ATTEMPTS + 2; i++) outcomes.push((await run(undefined, send)).result);
    expect(outcomes.map((o) => [o.sent, o.failed])).toEqual([
      [1, 1],
      [0, 1],
      [0, 1],
      [0, 0],
      [0, 0],
    ]);
    expect(digestsTo("ok@example.org")).toHaveLength(1);
    expect(await deliveryRows()).toEqual([
      { email: "bad@example.org", period: `day:${DAY}`, status: "failed", attempts: MAX_ATTEMPTS },
      { email: "ok@example.org", period: `day:${DAY}`, status: "sent", attempts: 1 },
    ]);
  });

  it("two runs started together send each digest once", async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => `c${i}@example.org`);
    for (const a of addresses) await addSubscriber(a);
    // Past the lock (as two instances racing on the claims alone would be).
    const [a, b] = await Promise.all([run(), run()]);
    expect(a.result.sent + b.result.sent).toBe(addresses.length);
    for (const address of addresses) expect(digestsTo(address)).toHaveLength(1);
    // Through the jobs home, the second finds the lock taken or nothing left to send.
    const settled = await Promise.allSettled([
      runJob(digestJob, { params: { frequencies: ["daily"], today: TODAY }, trigger: "cli" }),
      runJob(digestJob, { params: { frequencies: ["daily"], today: TODAY }, trigger: "cli" }),
    ]);
    expect(settled.some((s) => s.status === "fulfilled")).toBe(true);
    expect(smtp.received).toHaveLength(addresses.length);
  });

  it("after a run dies mid-way, the next sends the rest and repeats none", async () => {
    const addresses = Array.from({ length: 30 }, (_, i) => `k${String(i).padStart(2, "0")}@example.org`);
    for (const a of addresses) await addSubscriber(a);
    let handed = 0;
    // The first run stops for good after three messages: every later send hangs, as in a process that died.
    void run(undefined, { send: async (mail) => (++handed <= 3 ? sendMail(mail) : new Promise<void>(() => {})) });
    await vi.waitFor(
      async () => {
        const rows = await deliveryRows();
        expect(rows.filter((r) => r.status === "sent")).toHaveLength(3);
        expect(rows.filter((r) => r.status === "claimed").length).toBeGreaterThan(0);
      },
      { timeout: 10_000 },
    );
    const stranded = (await deliveryRows()).filter((r) => r.status === "claimed").length;
    const second = await run();
    expect(second.result.sent).toBe(addresses.length - 3 - stranded);
    for (const address of addresses) expect(digestsTo(address).length).toBeLessThanOrEqual(1);
    expect(smtp.received).toHaveLength(addresses.length - stranded);
    // What the dead run had claimed but not sent stays claimed: never sent twice.
    expect((await deliveryRows()).filter((r) => r.status === "claimed")).toHaveLength(stranded);
  });

  it("unsubscribes at once with a one-click POST to the List-Unsubscribe URL; a GET changes nothing", async () => {
    await addSubscriber("leaving@example.org");
    await run();
    const url = /^<(.+)>$/.exec(rawHeader(digestsTo("leaving@example.org")[0]!, "List-Unsubscribe")!)![1]!;
    const token = new URL(url).searchParams.get("token")!;
    expect((await unsubscribeState(token)).kind).toBe("ready");
    expect((await unsubscribeState(token)).kind).toBe("ready");

    const res = await unsubscribeRoute(
      new NextRequest(`${SITE}/api/unsubscribe?token=${encodeURIComponent(token)}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: "List-Unsubscribe=One-Click",
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("location")).toBeNull();
    expect(await res.text()).toContain("No more digests will be sent to leaving@example.org");
    expect((await unsubscribeState(token)).kind).toBe("done");
    const [row] = await db.select().from(subscriptions);
    expect(row!.status).toBe("unsubscribed");
    await db.execute(sql`delete from digest_deliveries`);
    expect((await run()).result.sent).toBe(0);
  });

  it("answers a forged or altered unsubscribe token with a 400 and changes nothing", async () => {
    const sub = await addSubscriber("staying@example.org");
    const { unsubscribeUrl } = await import("@/server/subscriptions");
    const token = new URL(unsubscribeUrl(sub.id)).searchParams.get("token")!;
    const [payload, signature] = token.split(".");
    const forged = [
      `${Buffer.from("someone-else").toString("base64url")}.${signature}`,
      `${payload}.${signature!.slice(0, -3)}abc`,
      "garbage",
      "",
    ];
    for (const bad of forged) {
      const res = await unsubscribeRoute(
        new NextRequest(`${SITE}/api/unsubscribe?token=${encodeURIComponent(bad)}`, { method: "POST", body: "List-Unsubscribe=One-Click" }),
      );
      expect(res.status).toBe(400);
      expect((await unsubscribeState(bad)).kind).toBe("invalid");
    }
    const [row] = await db.select().from(subscriptions);
    expect(row!.status).toBe("active");
  });

  it("computes each distinct topic once per run, however many follow it", async () => {
    for (let i = 0; i < 5; i++) {
      const { userId, email } = await createSignedInUser(`t${i}@example.org`);
      await addSubscriber(email, "daily", userId);
      await follow(userId, "query", "quantization");
      if (i % 2) await follow(userId, "author", "Grace Hopper");
    }
    const { result } = await run();
    expect(result.periods[0]).toMatchObject({ subscribers: 5, topics: 2, sent: 5 });
  });

  it("is a job of the jobs home: the cron route answers { runId, period, sent, skipped, failed }", async () => {
    await addSubscriber("cron@example.org");
    const call = (query: string, auth = "Bearer digest-test-secret") =>
      digestCron(new Request(`${SITE}/api/cron/digest${query}`, { headers: { authorization: auth } }));
    expect((await call("?frequency=daily", "Bearer wrong")).status).toBe(401);
    expect((await call("?frequency=hourly")).status).toBe(400);
    expect((await call("?today=yesterday")).status).toBe(400);
    const res = await call(`?frequency=daily&today=${TODAY}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ runId: expect.any(Number), period: `day:${DAY}`, sent: 1, skipped: 0, failed: 0 });
    const [jobRun] = rowsOf<{ job: string; status: string }>(
      await db.execute(sql`select job, status from job_runs where id = ${body.runId}`),
    );
    expect(jobRun).toEqual({ job: "digest", status: "succeeded" });
  });

  it("previews my next digest without recording anything", async () => {
    const { userId, email, cookie } = await createSignedInUser("preview@example.org");
    await addSubscriber(email, "daily", userId);
    await follow(userId, "author", "Grace Hopper");
    const res = await previewRoute(new Request(`${SITE}/settings/email/preview`, { headers: { cookie } }));
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("New for Grace Hopper");
    expect(html).toContain(`${SITE}/papers/2603.20002`);
    expect(await deliveryRows()).toEqual([]);
    expect(smtp.received).toHaveLength(0);
    const signedOut = await previewRoute(new Request(`${SITE}/settings/email/preview`));
    expect(signedOut.status).toBe(303);
  });
});
