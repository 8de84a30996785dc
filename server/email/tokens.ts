/** Mail-link tokens: the parts, then an HMAC-SHA256 under a key derived from AUTH_SECRET. */
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { resolveAuthSecret } from "@/server/auth-secret";

export type TokenPurpose = "confirm" | "unsubscribe";

function signature(purpose: TokenPurpose, payload: string): Buffer {
  const key = createHmac("sha256", resolveAuthSecret()).update("daily-papers:mail-links").digest();
  return createHmac("sha256", key).update(`${purpose}\n${payload}`).digest();
}

export function signToken(purpose: TokenPurpose, parts: string[]): string {
  const payload = Buffer.from(parts.join("\n")).toString("base64url");
  return `${payload}.${signature(purpose, payload).toString("base64url")}`;
}

export function verifyToken(purpose: TokenPurpose, token: unknown): string[] | null {
  if (typeof token !== "string" || token.length > 1000) return null;
  const match = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)$/.exec(token);
  if (!match) return null;
  const [, payload, sig] = match as unknown as [string, string, string];
  const given = Buffer.from(sig, "base64url");
  const expected = signature(purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Buffer.from(payload, "base64url").toString("utf8").split("\n");
}
