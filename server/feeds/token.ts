/**
 * A random selector (stored) and its HMAC under a key derived from AUTH_SECRET (never stored): the settings page can show the
 * URL any time, a copy of the database opens no feed, and a reset kills the old URL.
 */
import "server-only";
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { getDb } from "@/db";
import { ensureFeedSelector, findFeedSelectorUser, replaceFeedSelector } from "@/db/queries/feed-tokens";
import { FEED_FORMATS, feedPath, type FeedFormat } from "@/lib/feeds";
import { siteUrl } from "@/lib/site-url";
import { resolveAuthSecret } from "@/server/auth-secret";

const SELECTOR_BYTES = 16;
const SELECTOR_LENGTH = 22; // base64url of 16 bytes
const TOKEN = /^[A-Za-z0-9_-]{65}$/; // the selector, then 43 characters of HMAC-SHA256

function verifier(selector: string): string {
  const key = createHmac("sha256", resolveAuthSecret()).update("daily-papers:feed-tokens").digest();
  return createHmac("sha256", key).update(selector).digest("base64url");
}

const tokenOf = (selector: string) => `${selector}${verifier(selector)}`;

const newSelector = () => randomBytes(SELECTOR_BYTES).toString("base64url");

export type FeedUrls = Record<FeedFormat, string>;

function urlsOf(token: string): FeedUrls {
  return Object.fromEntries(FEED_FORMATS.map((f) => [f, siteUrl(feedPath({ kind: "me", token }, f))])) as FeedUrls;
}

export async function myFeedUrls(userId: string): Promise<FeedUrls> {
  return urlsOf(tokenOf(await ensureFeedSelector(await getDb(), { userId, selector: newSelector() })));
}

export async function resetFeedToken(userId: string): Promise<FeedUrls> {
  const selector = newSelector();
  await replaceFeedSelector(await getDb(), { userId, selector });
  return urlsOf(tokenOf(selector));
}

export async function feedTokenUser(token: string): Promise<string | null> {
  if (!TOKEN.test(token)) return null;
  const selector = token.slice(0, SELECTOR_LENGTH);
  // Compared as text: base64url's last character has bits that decoding ignores.
  if (!timingSafeEqual(Buffer.from(token.slice(SELECTOR_LENGTH)), Buffer.from(verifier(selector)))) return null;
  return findFeedSelectorUser(await getDb(), { selector });
}
