import { readFileSync, renameSync, unlinkSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import path from "node:path";

// PGlite has no lock of its own: two processes opening one data directory would corrupt it.

interface LockOwner {
  pid: number;
  host: string;
  /** To tell a reused pid. */
  processStart: string | null;
  command: string;
  since: string;
}

export class EmbeddedStoreLockedError extends Error {
  constructor(
    readonly file: string,
    readonly owner: LockOwner,
  ) {
    super(
      `The embedded database in ${path.dirname(file)} is in use by process ${owner.pid} on ${owner.host} ` +
        `(${owner.command}, since ${owner.since}). It can be opened by one process at a time: stop that ` +
        `process first (for example the server, before \`npm run ingest\`), or use a PostgreSQL server ` +
        `with DATABASE_URL, which any number of processes can share.`,
    );
    this.name = "EmbeddedStoreLockedError";
  }
}

function processStart(pid: number): string | null {
  try {
    // Field 22 of /proc/PID/stat, counted after the command name's closing parenthesis.
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? null;
  } catch {
    return null;
  }
}

function isAlive(owner: LockOwner): boolean {
  if (owner.host !== hostname()) return true; // cannot tell from here: assume it is
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    // EPERM: it exists, under another user.
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const start = processStart(owner.pid);
  return !(owner.processStart && start && owner.processStart !== start);
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, "utf8")) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

const held = new Set<string>();

export function lockEmbeddedStore(dataDir: string): void {
  const file = path.resolve(dataDir, "store.lock");
  if (held.has(file)) return;
  const me: LockOwner = {
    pid: process.pid,
    host: hostname(),
    processStart: processStart(process.pid),
    command:
      process.argv
        .slice(1)
        .map((a) => path.basename(a))
        .join(" ")
        .slice(0, 200) || "node",
    since: new Date().toISOString(),
  };
  const content = `${JSON.stringify(me)}\n`;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      writeFileSync(file, content, { flag: "wx", mode: 0o644 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      const owner = readOwner(file);
      if (owner && owner.pid === me.pid && owner.host === me.host) {
        // Ours already (a reopen in this process).
      } else if (owner && isAlive(owner)) {
        throw new EmbeddedStoreLockedError(file, owner);
      } else {
        // Stale: replace it atomically, then check that no other process replaced it too.
        const temp = `${file}.${process.pid}`;
        writeFileSync(temp, content);
        renameSync(temp, file);
      }
    }
    const owner = readOwner(file);
    if (owner?.pid === me.pid && owner.host === me.host) {
      held.add(file);
      process.once("exit", () => releaseEmbeddedStore(file));
      return;
    }
  }
  const owner = readOwner(file);
  if (owner) throw new EmbeddedStoreLockedError(file, owner);
  throw new Error(`could not take the lock ${file}`);
}

function releaseEmbeddedStore(file: string): void {
  if (!held.delete(file)) return;
  if (readOwner(file)?.pid === process.pid) {
    try {
      unlinkSync(file);
    } catch {}
  }
}
