/**
 * Digest subscriptions. Any address but the account's own, and any that unsubscribed, is confirmed by email first (double
 * opt-in); the answer and its timing are the same whatever the address's state, so they tell nobody who reads the digest.
 */
import "server-only";
import { randomBytes } from "node:crypto";
import { createElement } from "react";
import { z } from "zod";
import { getDb } from "@/db";
import type { SessionUser } from "@/db/queries/sessions";
import {
  activateSubscription,
  confirmSubscription,
  getSubscription,
  getUserSubscription,
  requestSubscription,
  updateSubscription,
} from "@/db/queries/subscriptions";
import type { Subscription } from "@/db/schema";
import { DIGEST_FREQUENCIES, type DigestFrequency } from "@/lib/digest";
import { mailboxKey } from "@/lib/email-address";
import { env, runtime } from "@/lib/env";
import { ApiError, parseOr400 } from "@/lib/errors";
import { hasPublicUrl, siteUrl } from "@/lib/site-url";
import { afterResponse } from "./after-response";
import { sendMail } from "./email/mailer";
import { renderEmail } from "./email/render";
import { ConfirmEmail } from "./email/templates/confirm-email";
import { signToken, verifyToken } from "./email/tokens";
import { limitRate, RATE_LIMITS } from "./rate-limit";

export const CONFIRMATION_LIMITS = { perAddress: RATE_LIMITS.confirmationMailbox.limit, perClient: RATE_LIMITS.confirmationClient.limit };
const CONFIRM_LINK_HOURS = 48;

export const subscribeSchema = z
  .object({
    email: z.email("not an email address").max(254).optional(),
    frequency: z.enum(DIGEST_FREQUENCIES).default("daily"),
  })
  .strict();

export const subscriptionChangeSchema = z
  .object({
    frequency: z.enum(DIGEST_FREQUENCIES).optional(),
    status: z.enum(["active", "paused", "unsubscribed"]).optional(),
  })
  .strict()
  .refine((c) => c.frequency || c.status, "give a frequency or a status");

export interface SubscriptionJson {
  email: string;
  frequency: DigestFrequency;
  status: Subscription["status"];
}

export const subscriptionJson = ({ email, frequency, status }: Subscription): SubscriptionJson => ({ email, frequency, status });

export type SubscribeOutcome =
  { status: "active"; subscription: Subscription; created: boolean } | { status: "pending"; email: string; frequency: DigestFrequency };

const normalize = (email: string) => email.trim().toLowerCase();

/** An address not the asking account's own stays address-only (top papers, no topics) and never joins another account. */
export async function subscribe({
  user,
  input,
  client,
}: {
  user: SessionUser | null;
  input: unknown;
  client: string;
}): Promise<SubscribeOutcome> {
  const { email, frequency } = parseOr400(subscribeSchema, input, "subscription");
  const own = user?.email ? normalize(user.email) : null;
  if (user && !email && !own) throw new ApiError("bad_request:subscription", "Your account has no email address; give one to subscribe.");
  if (!email && !user) throw new ApiError("bad_request:subscription", "email: give the address to send the digest to.");
  const address = email ? normalize(email) : own!;
  if (user && address === own) {
    const db = await getDb();
    const before = await getUserSubscription(db, { userId: user.id, email: own });
    const subscription = await activateSubscription(db, { email: own, userId: user.id, frequency });
    if (subscription) return { status: "active", subscription, created: before === null };
  }
  await requestConfirmation({ email: address, userId: user && address === own ? user.id : null, frequency, client });
  return { status: "pending", email: address, frequency };
}

/** The mail goes out after the answer: the same work, and so the same time, whether or not the address gets one. */
async function requestConfirmation({
  email,
  userId,
  frequency,
  client,
}: {
  email: string;
  userId: string | null;
  frequency: DigestFrequency;
  client: string;
}) {
  if (!hasPublicUrl())
    throw new ApiError(
      "unavailable:subscription",
      "Subscribing by email is off: this server has no public URL (AUTH_URL) to put in links.",
    );
  const logsLinks = runtime.devServer || env.LOG_SIGN_IN_LINKS === "1";
  if (!env.SMTP_URL && !logsLinks)
    throw new ApiError("unavailable:subscription", "Subscribing by email is off: this server sends no mail (SMTP_URL is not set).");
  const db = await getDb();
  await limitRate("confirmationClient", client);
  await limitRate("confirmationMailbox", mailboxKey(email));
  const nonce = randomBytes(16).toString("base64url");
  const expires = new Date(Date.now() + CONFIRM_LINK_HOURS * 3600_000);
  const subscription = await requestSubscription(db, { email, userId, frequency, nonce, expires });
  if (!subscription) return;
  const token = signToken("confirm", [subscription.id, nonce, String(expires.getTime())]);
  const confirmUrl = siteUrl(`/subscribe/confirm?${new URLSearchParams({ token })}`);
  afterResponse("subscriptions", async () => {
    if (!env.SMTP_URL) {
      console.log(`\n[daily-papers] SUBSCRIPTION CONFIRMATION LINK for ${email} (SMTP_URL is not set):\n${confirmUrl}\n`);
      return;
    }
    const { html, text } = await renderEmail(createElement(ConfirmEmail, { confirmUrl, frequency, siteUrl: siteUrl("/") }));
    await sendMail({ to: email, subject: `Confirm your Daily Papers ${frequency} digest`, html, text });
  });
}

export type LinkState =
  | { kind: "invalid" }
  | { kind: "gone" }
  | { kind: "expired"; subscription: Subscription }
  | { kind: "ready"; subscription: Subscription }
  | { kind: "done"; subscription: Subscription };

function confirmParts(token: unknown) {
  const parts = verifyToken("confirm", token);
  if (!parts || parts.length !== 3) return null;
  const [id, nonce, expires] = parts as [string, string, string];
  return /^\d{1,15}$/.test(expires) ? { id, nonce, expires: Number(expires) } : null;
}

export async function confirmationState(token: unknown, now = Date.now()): Promise<LinkState> {
  const parts = confirmParts(token);
  if (!parts) return { kind: "invalid" };
  const subscription = await getSubscription(await getDb(), { id: parts.id });
  if (!subscription) return { kind: "gone" };
  if (subscription.confirmNonce === parts.nonce) {
    return parts.expires > now ? { kind: "ready", subscription } : { kind: "expired", subscription };
  }
  return subscription.status === "active" ? { kind: "done", subscription } : { kind: "expired", subscription };
}

export async function confirmWithToken(token: unknown): Promise<LinkState> {
  const parts = confirmParts(token);
  if (!parts) return { kind: "invalid" };
  if (parts.expires > Date.now()) await confirmSubscription(await getDb(), { id: parts.id, nonce: parts.nonce });
  return confirmationState(token);
}

export function unsubscribeUrl(subscriptionId: string): string {
  return siteUrl(`/unsubscribe?${new URLSearchParams({ token: signToken("unsubscribe", [subscriptionId]) })}`);
}

function unsubscribeId(token: unknown): string | null {
  const parts = verifyToken("unsubscribe", token);
  return parts && parts.length === 1 ? parts[0]! : null;
}

export async function unsubscribeState(token: unknown): Promise<LinkState> {
  const id = unsubscribeId(token);
  if (!id) return { kind: "invalid" };
  const subscription = await getSubscription(await getDb(), { id });
  if (!subscription) return { kind: "gone" };
  return subscription.status === "unsubscribed" ? { kind: "done", subscription } : { kind: "ready", subscription };
}

/** Unsubscribes the link's subscription at once (no sign-in: the signed token is the proof). */
export async function unsubscribeWithToken(token: unknown): Promise<LinkState> {
  const id = unsubscribeId(token);
  if (!id) return { kind: "invalid" };
  const subscription = await updateSubscription(await getDb(), { id, status: "unsubscribed" });
  return subscription ? { kind: "done", subscription } : { kind: "gone" };
}

export async function mySubscription(user: SessionUser): Promise<Subscription | null> {
  return getUserSubscription(await getDb(), { userId: user.id, email: user.email });
}

export async function changeMySubscription(user: SessionUser, input: unknown): Promise<Subscription> {
  const change = parseOr400(subscriptionChangeSchema, input, "subscription");
  const current = await mySubscription(user);
  if (!current) throw new ApiError("not_found:subscription", "You are not subscribed; subscribe first.");
  if (change.status === "active" && current.status === "unsubscribed") {
    throw new ApiError("conflict:subscription", "This address unsubscribed: subscribe again, and follow the link mailed to it.");
  }
  if (change.status === "active" && !current.confirmedAt) {
    throw new ApiError("conflict:subscription", "This address is not confirmed yet: use the link in the confirmation email.");
  }
  const updated = await updateSubscription(await getDb(), { id: current.id, ...change });
  if (!updated) throw new ApiError("conflict:subscription", "Your subscription changed meanwhile; reload and try again.");
  return updated;
}
