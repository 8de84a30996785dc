import "server-only";
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "@/lib/env";

let memorySecret: string | undefined;

/** Without AUTH_SECRET, one generated once and kept in DATA_DIR so sessions survive restarts. */
export function resolveAuthSecret(): string {
  if (env.AUTH_SECRET) return env.AUTH_SECRET;
  if (env.DATABASE_URL && env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required in production: set it to a long random value (e.g. `openssl rand -base64 32`).");
  }
  if (env.DATA_DIR.startsWith("memory://")) return (memorySecret ??= randomBytes(32).toString("base64url"));

  const file = path.resolve(env.DATA_DIR, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      // `wx` fails if another process wrote it first; then we read theirs.
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch {}
    return readFileSync(file, "utf8").trim();
  }
}
