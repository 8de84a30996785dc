import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { latestMailTo, signInLink } from "./support/mail-sink";
import { rawRequest, signInThroughRoute } from "./support/http";
import { expect, test } from "./support/test";

// A second `npm start` beside the one Playwright started: on PostgreSQL the two must behave as
// one site; on the embedded store a second process must refuse to open it.
const databaseUrl = process.env.DATABASE_URL;
const mailDir = process.env.E2E_MAIL_DIR!;
const unique = () => `${Date.now()}-${Math.random().toString(36).slice(2, 8)}`;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Another `npm start` with the same settings as the first (playwright.config.ts), on its own port. */
async function startInstance(env: Record<string, string> = {}) {
  const port = await freePort();
  const base = `http://localhost:${port}`;
  let output = "";
  const child = spawn("npm", ["start", "--", "-p", String(port), "-H", "127.0.0.1"], {
    env: {
      ...process.env,
      AUTH_SECRET: "e2e-test-secret-not-for-production",
      AUTH_URL: base,
      INGEST_ON_START: "0",
      CRON_SECRET: "test-cron-secret",
      SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_SMTP_PORT}`,
      ...(databaseUrl ? {} : { DATA_DIR: process.env.E2E_DATA_DIR! }),
      ...env,
    },
    detached: true,
  });
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return {
    base,
    output: () => output,
    exited,
    stop: () => {
      try {
        process.kill(-child.pid!, "SIGINT");
      } catch {
        // Already gone.
      }
    },
  };
}

async function healthy(base: string): Promise<boolean> {
  return rawRequest(`${base}/api/health`).then(
    (r) => r.status === 200,
    () => false,
  );
}

const cookieOf = (setCookies: string[], name: string) => setCookies.map((c) => c.split(";")[0]!).find((c) => c.startsWith(`${name}=`));

// Each engine runs the test that applies to it (several processes need PostgreSQL).
if (databaseUrl) {
  test("two instances against one PostgreSQL they share sessions, votes and rate limits", async ({ baseURL, request }) => {
    test.setTimeout(180_000);
    const other = await startInstance();
    try {
      await expect.poll(() => healthy(other.base), { timeout: 120_000, intervals: [500] }).toBe(true);

      // Signed in through the first instance, known to the second.
      const email = `twice-${unique()}@example.org`;
      expect(await signInThroughRoute(baseURL!, email)).toMatch(/verify-request/);
      let mail: string | null = null;
      await expect.poll(() => (mail = latestMailTo(mailDir, email)), { timeout: 15_000 }).not.toBeNull();
      const callback = await rawRequest(signInLink(mail!));
      const cookie = cookieOf(callback.setCookies, "authjs.session-token");
      expect(cookie).toBeTruthy();
      const session = await rawRequest(`${other.base}/api/auth/session`, { headers: { cookie: cookie! } });
      expect(JSON.parse(session.body)).toMatchObject({ user: { email } });

      // A vote through the first instance shows through the second.
      const [item] = (await (await request.get("/api/daily_papers?limit=1")).json()) as { paper: { id: string } }[];
      const id = item!.paper.id;
      const votesOn = async (base: string) =>
        JSON.parse((await rawRequest(`${base}/api/me/votes?ids=${id}`, { headers: { cookie: cookie! } })).body) as {
          papers: Record<string, { upvotes: number; upvoted: boolean }>;
        };
      const before = (await votesOn(other.base)).papers[id]!;
      expect(before.upvoted).toBe(false);
      const vote = await rawRequest(`${baseURL}/api/papers/${id}/upvote`, {
        method: "POST",
        headers: { cookie: cookie!, origin: baseURL! },
      });
      expect(vote.status).toBe(200);
      await expect
        .poll(async () => (await votesOn(other.base)).papers[id], { timeout: 60_000 })
        .toEqual({ upvoted: true, upvotes: before.upvotes + 1 });

      // One client's sign-in requests count against one limit, whichever instance they reach.
      const tag = unique();
      const answers: (string | undefined)[] = [];
      for (let i = 0; i < 32; i += 1) {
        answers.push(
          await signInThroughRoute(i % 2 === 0 ? baseURL! : other.base, `shared-${tag}-${i}@example.org`, { localAddress: "127.0.9.1" }),
        );
      }
      expect(answers.slice(0, 30).every((a) => /verify-request/.test(a ?? ""))).toBe(true);
      expect(answers.slice(30)).toEqual([expect.stringMatching(/error=RateLimited/), expect.stringMatching(/error=RateLimited/)]);
    } finally {
      other.stop();
      await other.exited;
    }
  });
} else {
  test("a second instance on its data directory refuses, naming the first; more server processes need PostgreSQL", async () => {
    test.setTimeout(120_000);
    const second = await startInstance();
    try {
      // The store is opened on the first request: the second process never serves one from it.
      await rawRequest(`${second.base}/api/health`).catch(() => null);
      await expect.poll(() => second.output(), { timeout: 60_000 }).toMatch(/is in use by process \d+/);
      expect(await healthy(second.base)).toBe(false);
    } finally {
      second.stop();
      await second.exited;
    }

    const dataDir = mkdtempSync(path.join(tmpdir(), "daily-papers-e2e-cluster-"));
    try {
      const many = await startInstance({ DATA_DIR: dataDir, WEB_CONCURRENCY: "2" });
      expect(await many.exited).toBe(2);
      expect(many.output()).toContain("set DATABASE_URL to run WEB_CONCURRENCY > 1 server processes");
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
}
