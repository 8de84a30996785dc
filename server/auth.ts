import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import NextAuth, { AuthError, type NextAuthConfig } from "next-auth";
import type { Adapter } from "next-auth/adapters";
import GitHub from "next-auth/providers/github";
import HuggingFace from "next-auth/providers/huggingface";
import Nodemailer from "next-auth/providers/nodemailer";
import { headers } from "next/headers";
import { NextRequest } from "next/server";
import { getDb } from "@/db";
import { assignHandle } from "@/db/queries/profiles";
import { accounts, sessions, users, verificationTokens } from "@/db/schema";
import { resolveAuthSecret } from "./auth-secret";
import { emailSignInProblem, ForeignLinkError, sendSignInEmail } from "@/server/email/sign-in";
import { countRate } from "@/server/rate-limit";
import { isSessionToken } from "@/server/session";
import { isCallbackOnSite, withoutForeignCallbackCookies } from "@/lib/callback-url";
import { mailboxKey } from "@/lib/email-address";
import { env, publicOrigin } from "@/lib/env";
import { handleErrors } from "@/lib/errors";
import { clientIp, readBodyBounded } from "@/lib/request";
import { onOrigin } from "@/lib/site-url";

const MAGIC_LINK_MAX_AGE = 15 * 60;

export const oauthProviders = [
  env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET ? { id: "github", name: "GitHub" } : null,
  env.AUTH_HUGGINGFACE_ID && env.AUTH_HUGGINGFACE_SECRET ? { id: "huggingface", name: "Hugging Face" } : null,
].filter((p) => p !== null);

/** A server action (the sign-in form) has no request from Auth.js and reads Next's headers, so both count the same client. */
async function requestHeaders(request: Request | undefined): Promise<Headers | null> {
  if (request) return request.headers;
  try {
    return new Headers(await headers());
  } catch {
    return null;
  }
}

/** Auth.js tells a visitor only its client-safe error types (any other reads "Configuration"): this one is AccessDenied. */
class SignInLinkRefused extends AuthError {
  static type = "AccessDenied";
  constructor(reason: string) {
    super(reason);
    this.message = reason;
  }
}

function sendSignInLink({ identifier, url }: { identifier: string; url: string }): Promise<void> {
  const sent = sendSignInEmail({ to: identifier, url }).catch((error: unknown) => {
    throw error instanceof ForeignLinkError ? new SignInLinkRefused(error.message) : error;
  });
  // Auth.js awaits this only after hashing the token: a refusal before then would be an unhandled rejection.
  sent.catch(() => {});
  return sent;
}

/** A session cookie holding a NUL, which PostgreSQL refuses to compare, is signed out without a failed query. */
function withSessionTokensChecked(adapter: Adapter): Adapter {
  const { getSessionAndUser, deleteSession } = adapter;
  return {
    ...adapter,
    ...(getSessionAndUser && { getSessionAndUser: (token: string) => (isSessionToken(token) ? getSessionAndUser(token) : null) }),
    ...(deleteSession && { deleteSession: (token: string) => (isSessionToken(token) ? deleteSession(token) : undefined) }),
  };
}

async function config(request: Request | undefined): Promise<NextAuthConfig> {
  const incoming = await requestHeaders(request);
  const ip = incoming ? clientIp(incoming) : "unknown";
  const emailProblem = emailSignInProblem();
  return {
    adapter: withSessionTokensChecked(
      DrizzleAdapter(await getDb(), {
        usersTable: users,
        accountsTable: accounts,
        sessionsTable: sessions,
        verificationTokensTable: verificationTokens,
      }),
    ),
    secret: resolveAuthSecret(),
    // Links come from AUTH_URL (lib/env.ts), so the Host header Auth.js would otherwise trust is never used for them.
    trustHost: true,
    session: { strategy: "database", maxAge: 30 * 24 * 60 * 60 },
    logger: {
      error(error) {
        // An expired or reused magic link is the visitor's mistake, shown to them; not a server error.
        if ((error as { type?: string }).type === "Verification") console.warn("[auth] rejected an expired or used sign-in link");
        else if (error instanceof SignInLinkRefused) console.warn(`[auth] ${error.message}`);
        else console.error("[auth]", error);
      },
    },
    pages: { signIn: "/signin", verifyRequest: "/signin/check-email", error: "/signin" },
    providers: [
      ...(emailProblem
        ? []
        : [
            Nodemailer({
              id: "nodemailer",
              name: "Email",
              server: env.SMTP_URL ?? "smtp://127.0.0.1:25",
              from: env.EMAIL_FROM,
              maxAge: MAGIC_LINK_MAX_AGE,
              sendVerificationRequest: sendSignInLink,
            }),
          ]),
      ...(env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET
        ? [GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET })]
        : []),
      ...(env.AUTH_HUGGINGFACE_ID && env.AUTH_HUGGINGFACE_SECRET
        ? [HuggingFace({ clientId: env.AUTH_HUGGINGFACE_ID, clientSecret: env.AUTH_HUGGINGFACE_SECRET })]
        : []),
    ],
    events: {
      // Every account has a public handle from its first sign-in: the GitHub or Hugging Face login, else the email's
      // local part, numbered when taken (changed in settings).
      async signIn({ user, profile }) {
        if (!user.id) return;
        const login = [profile?.login, profile?.preferred_username].find((v): v is string => typeof v === "string");
        await assignHandle(await getDb(), { userId: user.id, candidates: [login, user.email?.split("@")[0]] });
      },
    },
    callbacks: {
      // Auth.js's own check, but landing on the public URL: Next.js names a loopback host `localhost`, and a cookie set for one name is not sent to the other.
      redirect({ url, baseUrl }) {
        const site = publicOrigin ?? baseUrl;
        return (URL.canParse(url, site) && onOrigin(new URL(url, site).href, site)) || `${site}/`;
      },
      async signIn({ user, email }) {
        if (!email?.verificationRequest) return true;
        // Runs before a magic link is made: the same answer whether or not the address has an account.
        const checks = [countRate("signInMailbox", mailboxKey(user.email ?? ""))];
        // Not one shared bucket for unknown addresses: that would lock everyone out together.
        if (ip !== "unknown") {
          checks.push(countRate("signInClient", ip));
        }
        const results = await Promise.all(checks);
        return results.every((r) => r.allowed) ? true : "/signin?error=RateLimited";
      },
    },
  };
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (request) => config(request));

const MAX_AUTH_BODY_BYTES = 16 * 1024;

/** A return page off this site is dropped from query and cookies, where Auth.js would answer it with a 500. */
async function checkedRequest(request: NextRequest): Promise<NextRequest> {
  const url = new URL(request.url);
  const origin = publicOrigin ?? url.origin;
  const callbackUrl = url.searchParams.get("callbackUrl");
  if (callbackUrl !== null && !isCallbackOnSite(callbackUrl, origin)) url.searchParams.delete("callbackUrl");
  const headers = new Headers(request.headers);
  const cookie = headers.get("cookie");
  if (cookie) headers.set("cookie", withoutForeignCallbackCookies(cookie, origin));
  if (request.method !== "POST") return new NextRequest(url, { method: request.method, headers });
  const body = await readBodyBounded(request, MAX_AUTH_BODY_BYTES, "auth");
  headers.delete("transfer-encoding");
  headers.set("content-length", String(body.byteLength));
  return new NextRequest(url, { method: "POST", headers, body });
}

/** Auth.js writes its redirects on the request's origin, which Next.js names `localhost` for every loopback host. */
function onSite(response: Response): Response {
  const location = response.headers.get("location");
  const moved = location && publicOrigin ? onOrigin(location, publicOrigin) : null;
  if (!moved || moved === location) return response;
  const headers = new Headers(response.headers);
  headers.set("location", moved);
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

export const authRouteHandlers = {
  GET: handleErrors(async (request: NextRequest) => onSite(await handlers.GET(await checkedRequest(request)))),
  POST: handleErrors(async (request: NextRequest) => onSite(await handlers.POST(await checkedRequest(request)))),
};
