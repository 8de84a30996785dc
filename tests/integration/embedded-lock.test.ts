import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";

// Real processes on one data directory: the store in this file's own process is in memory.
const root = path.resolve(__dirname, "../..");
// `node --import tsx`, not the tsx binary, whose pid is a wrapper's and not the store's holder.
const node = (script: string, ...args: string[]) =>
  [process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args]] as const;
const children: ChildProcess[] = [];
const dirs: string[] = [];

function dataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "daily-papers-lock-"));
  dirs.push(dir);
  return dir;
}

const childEnv = (dir: string) => ({ ...process.env, DATA_DIR: dir, DATABASE_URL: "", INGEST_ON_START: "0" });

/** Starts a process that holds the store, resolved once it has it open. */
function holdStore(dir: string): Promise<ChildProcess> {
  const [command, args] = node("tests/fixtures/scripts/hold-store.ts");
  const child = spawn(command, args, { cwd: root, env: childEnv(dir), stdio: ["ignore", "pipe", "pipe"] });
  children.push(child);
  return new Promise((resolve, reject) => {
    let err = "";
    child.stderr!.on("data", (c: Buffer) => (err += c));
    child.stdout!.on("data", (c: Buffer) => c.toString().includes("store open") && resolve(child));
    child.on("exit", (code) => reject(new Error(`holder exited with ${code}: ${err}`)));
  });
}

/** `npm run ingest` (its script) on the same directory; it must not get as far as the network. */
function runIngest(dir: string) {
  const [command, args] = node("scripts/ingest.ts", "--date", "2026-01-05");
  return spawnSync(command, args, {
    cwd: root,
    env: { ...childEnv(dir), HF_API_URL: "http://127.0.0.1:9", ARXIV_API_URL: "http://127.0.0.1:9/api/query" },
    encoding: "utf8",
    timeout: 60_000,
  });
}

afterEach(() => {
  for (const child of children.splice(0)) child.kill("SIGKILL");
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("one process per embedded store", () => {
  it("stops a second process at once, naming the process that holds the store", async () => {
    const dir = dataDir();
    const holder = await holdStore(dir);

    const second = runIngest(dir);

    expect(second.status).not.toBe(0);
    expect(second.stderr).toContain(`in use by process ${holder.pid}`);
    expect(second.stderr).toContain("DATABASE_URL");
    expect(second.stderr).not.toMatch(/127\.0\.0\.1:9|\n\s+at /); // before any request, and no stack trace
  });

  it("takes over the lock of a process that died without releasing it", async () => {
    const dir = dataDir();
    const holder = await holdStore(dir);
    holder.kill("SIGKILL");
    await new Promise((resolve) => holder.once("exit", resolve));
    expect(JSON.parse(readFileSync(path.join(dir, "store.lock"), "utf8")).pid).toBe(holder.pid);

    const [command, args] = node("scripts/migrate.ts");
    const next = spawnSync(command, args, { cwd: root, env: childEnv(dir), encoding: "utf8", timeout: 60_000 });

    expect(next.stderr).not.toContain("in use by process");
    expect(next.stdout).toContain("migrations applied (pglite)");
    expect(next.status).toBe(0);
  });

  it("treats a lock whose pid now belongs to a younger process as stale", async () => {
    const dir = dataDir();
    // The pid of this very process, but recorded with another start time: a reused pid.
    writeFileSync(
      path.join(dir, "store.lock"),
      JSON.stringify({
        pid: process.pid,
        host: (await import("node:os")).hostname(),
        processStart: "1",
        command: "old",
        since: "2020-01-01",
      }),
    );
    const holder = await holdStore(dir);
    expect(JSON.parse(readFileSync(path.join(dir, "store.lock"), "utf8")).pid).toBe(holder.pid);
  });
});
