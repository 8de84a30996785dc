import { CLIENT_ADDRESS_HEADER, clientAddress } from "@/lib/client-address";
import { env, publicOrigin } from "@/lib/env";
import { readBounded } from "@/lib/bounded-body";
import { ApiError } from "@/lib/errors";

/** Under `npm start` the edge's own header; elsewhere X-Forwarded-For, which without a trusted proxy is trustworthy only in development. */
export function clientIp(headers: Headers): string {
  if (env.DAILY_PAPERS_SERVER === "1") return headers.get(CLIENT_ADDRESS_HEADER) ?? "unknown";
  const forwardedFor = headers.get("x-forwarded-for");
  const nearest = forwardedFor?.split(",").at(-1);
  return clientAddress({ socket: nearest, forwardedFor, trustedProxies: env.TRUSTED_PROXIES });
}

/** Browsers always send `Origin` on cross-origin POST/DELETE; non-browser clients carry no ambient cookies to abuse. */
export function assertSameOrigin(request: Request): void {
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new ApiError("forbidden:origin", "Cross-site requests are not allowed.");
  }
  const origin = request.headers.get("origin");
  if (!origin) return;
  let originUrl: URL;
  try {
    originUrl = new URL(origin);
  } catch {
    throw new ApiError("forbidden:origin", "Malformed Origin header.");
  }
  const same = publicOrigin
    ? originUrl.origin === publicOrigin
    : originUrl.host === (request.headers.get("host") ?? new URL(request.url).host);
  if (!same) throw new ApiError("forbidden:origin", "Cross-site requests are not allowed.");
}

export const MAX_JSON_BYTES = 16 * 1024;

export async function readBodyBounded(request: Request, maxBytes: number, surface: string): Promise<Uint8Array<ArrayBuffer>> {
  const bytes = await readBounded(request, maxBytes);
  if (!bytes) throw new ApiError(`payload_too_large:${surface}`, `The request body is over ${maxBytes} bytes.`);
  return bytes;
}

export async function readTextBounded(request: Request, maxBytes: number, surface: string): Promise<string> {
  const bytes = await readBodyBounded(request, maxBytes, surface);
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ApiError(`bad_request:${surface}`, "The request body is not valid UTF-8.");
  }
}

export async function readJsonObject(request: Request, surface: string): Promise<Record<string, unknown>> {
  const text = await readTextBounded(request, MAX_JSON_BYTES, surface);
  if (text.trim() === "") return {};
  let body: unknown;
  let withNul: string | null = null;
  try {
    // A NUL in a string is refused here: PostgreSQL refuses it in text, as a 500.
    body = JSON.parse(text, (key, value: unknown) => {
      if (typeof value === "string" && value.includes("\u0000")) withNul ??= key;
      return value;
    });
  } catch {
    throw new ApiError(`bad_request:${surface}`, "The request body is not valid JSON.");
  }
  if (withNul !== null) throw new ApiError(`bad_request:${surface}`, `"${withNul}" holds a NUL character.`);
  if (!body || typeof body !== "object" || Array.isArray(body))
    throw new ApiError(`bad_request:${surface}`, "The request body must be a JSON object.");
  return body as Record<string, unknown>;
}
