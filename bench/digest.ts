/** A daily digest run at scale (`npm run bench:digest`), described in bench/README.md; what it adds under `bench.invalid` it removes at the end. */
import { fork } from "node:child_process";
import { generateKeyPairSync } from "node:crypto";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { arg } from "./args";
import { prng } from "./corpus";

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL must name the benchmark database (bench_1m)");
const subscriberCount = Number(arg("subscribers", "10000"));
const topicCount = Number(arg("topics", "500"));
const perSubscriber = Number(arg("per", "3"));
const DOMAIN = "bench.invalid";

const sink = fork(path.resolve(import.meta.dirname, "smtp-sink.ts"), [], { execArgv: ["--import", "tsx"] });
const ask = <T>(message?: string) =>
  new Promise<T>((resolve) => {
    sink.once("message", (reply) => resolve(reply as T));
    if (message) sink.send(message);
  });
const { port } = await ask<{ port: number }>();
const sinkStats = () => ask<{ accepted: number; bytes: number }>("stats");

// lib/env.ts reads the environment when the app's modules load: set it first. React's development build costs twice as much per message.
(process.env as Record<string, string>).NODE_ENV = "production";
process.env.SMTP_URL = `smtp://127.0.0.1:${port}`;
process.env.AUTH_URL ??= "https://papers.example.org";
process.env.AUTH_SECRET ??= "digest-benchmark-secret-not-for-production";
const dkim = process.argv.includes("--dkim");
if (dkim) {
  const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  Object.assign(process.env, {
    DKIM_DOMAIN: "papers.example.org",
    DKIM_SELECTOR: "bench",
    DKIM_PRIVATE_KEY: privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
  });
}
const { getDb, closeDb, rowsOf } = await import("@/db");
const { sql } = await import("drizzle-orm");
const { follows, subscriptions, users } = await import("@/db/schema");
const { sendDigests } = await import("@/server/digest/job");
const { mailTransport } = await import("@/server/email/mailer");
const db = await getDb();

async function cleanUp() {
  await db.execute(sql`delete from users where email like ${`%@${DOMAIN}`}`);
  await db.execute(sql`delete from subscriptions where email like ${`%@${DOMAIN}`}`);
}

/** 500 topics the corpus has matches for on its days: common words and pairs, phrases, authors, organizations, categories. */
async function drawTopics(random: () => number): Promise<{ kind: "query" | "author" | "organization" | "category"; value: string }[]> {
  const words = rowsOf<{ word: string }>(
    await db.execute(sql`select word from search_words where papers between 2000 and 200000 and word ~ '^[a-z]{4,}$' order by word`),
  ).map((r) => r.word);
  const orgs = rowsOf<{ name: string }>(await db.execute(sql`select name from organizations order by name`)).map((r) => r.name);
  const categories = rowsOf<{ c: string }>(
    await db.execute(sql`select distinct unnest(categories) as c from papers tablesample system (1) order by 1`),
  ).map((r) => r.c);
  const authors = rowsOf<{ a: string }>(
    await db.execute(sql`select distinct authors[1] as a from papers tablesample system (0.2) where authors[1] is not null order by 1`),
  ).map((r) => r.a);
  const pick = <T>(list: T[]) => list[Math.floor(random() * list.length)]!;
  const topics = new Map<string, { kind: "query" | "author" | "organization" | "category"; value: string }>();
  const add = (kind: "query" | "author" | "organization" | "category", value: string) => topics.set(`${kind}:${value}`, { kind, value });
  for (const c of categories.slice(0, 20)) add("category", c);
  for (const o of orgs.slice(0, 60)) add("organization", o);
  while (topics.size < 160) add("author", pick(authors));
  while (topics.size < topicCount) {
    const r = random();
    if (r < 0.4) add("query", pick(words));
    else if (r < 0.7) add("query", `${pick(words)} ${pick(words)}`);
    else if (r < 0.9) add("query", `${pick(words)} OR ${pick(words)}`);
    else add("query", `"${pick(words)} ${pick(words)}"`);
  }
  return [...topics.values()];
}

const stage = async <T>(label: string, fn: () => Promise<T>): Promise<T> => {
  const t = performance.now();
  const value = await fn();
  console.log(`  ${label}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return value;
};

try {
  const [{ n: papers }] = rowsOf<{ n: number }>(await db.execute(sql`select count(*)::int as n from papers`)) as [{ n: number }];
  console.log(
    `corpus: ${papers.toLocaleString("en-US")} papers; ${subscriberCount.toLocaleString("en-US")} subscribers × ${perSubscriber} topics of ${topicCount}${dkim ? "; DKIM-signed" : ""}`,
  );
  await cleanUp();
  const random = prng(20261201);
  console.log("setup (not timed as part of the run):");
  const topics = await stage("topics drawn", () => drawTopics(random));
  const kinds = new Map<string, number>();
  for (const t of topics) kinds.set(t.kind, (kinds.get(t.kind) ?? 0) + 1);
  console.log(`    ${[...kinds].map(([kind, n]) => `${n} ${kind}`).join(", ")}`);
  await stage("accounts, subscriptions and follows written", async () => {
    for (let start = 0; start < subscriberCount; start += 1000) {
      const emails = Array.from({ length: Math.min(1000, subscriberCount - start) }, (_, i) => `reader-${start + i}@${DOMAIN}`);
      const made = await db
        .insert(users)
        .values(emails.map((email) => ({ email })))
        .returning({ id: users.id, email: users.email });
      await db.insert(subscriptions).values(
        made.map((u) => ({
          email: u.email!,
          userId: u.id,
          frequency: "daily" as const,
          status: "active" as const,
          confirmedAt: new Date(),
        })),
      );
      const rows = made.flatMap((u) => {
        const chosen = new Set<number>();
        while (chosen.size < perSubscriber) chosen.add(Math.floor(random() * topics.length));
        return [...chosen].map((t) => ({ userId: u.id, ...topics[t]! }));
      });
      await db.insert(follows).values(rows);
    }
  });
  await db.execute(sql`analyze subscriptions`);
  await db.execute(sql`analyze follows`);

  console.log("the daily digest run:");
  const started = performance.now();
  const { result, error } = await sendDigests(db, { frequencies: ["daily"] });
  const totalMs = performance.now() - started;
  const [daily] = result.periods;
  if (!daily) throw new Error("no daily period: the corpus has no listing day");
  // Wait for the sink to have every message the run handed over (the pool may still be flushing).
  let { accepted, bytes } = await sinkStats();
  for (let i = 0; i < 100 && accepted < result.sent; i++) {
    await new Promise((r) => setTimeout(r, 50));
    ({ accepted, bytes } = await sinkStats());
  }
  const { timings } = daily;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  console.log(
    `  period ${daily.period}: ${daily.subscribers} subscribers, ${daily.topics} distinct topics, ${daily.distinctDigests} distinct digests rendered`,
  );
  console.log(`  sent ${result.sent}, skipped ${result.skipped}, failed ${result.failed}${error ? `, stopped: ${error}` : ""}`);
  console.log(
    `  sink accepted ${accepted} messages, ${(bytes / 1024 / 1024).toFixed(1)} MB (${Math.round(bytes / Math.max(accepted, 1) / 1024)} KB each)`,
  );
  console.log(`  total: ${seconds(totalMs)} (target ≤ 300 s)`);
  console.log(`  topics (the plan: top papers and every distinct topic once): ${seconds(timings.topicsMs)}`);
  console.log(
    `  composing (cut and rendered, one after another): ${seconds(timings.composeMs)}, ${(timings.composeMs / Math.max(result.sent, 1)).toFixed(1)} ms per message`,
  );
  console.log(`  sending (waiting for the mail server, 8 messages at a time): ${seconds(timings.sendMs)}`);
  console.log(
    `  the rest (recipients, claims, marks, what each was sent before): ${seconds(totalMs - timings.topicsMs - timings.composeMs - timings.sendMs)}`,
  );
  if (accepted !== result.sent) throw new Error(`the sink got ${accepted} messages for ${result.sent} digests sent`);

  const rerun = performance.now();
  const again = await sendDigests(db, { frequencies: ["daily"] });
  console.log(`re-run: sent ${again.result.sent}, skipped ${again.result.skipped} in ${seconds(performance.now() - rerun)}`);
} finally {
  await cleanUp();
  mailTransport().close();
  await closeDb();
  sink.send("stop");
}
