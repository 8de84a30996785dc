import { z } from "zod";

/** Empty strings in the environment mean "unset". */
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const flag = z.enum(["0", "1"]);

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" })),
  DATA_DIR: z.string().min(1).default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: optional(z.string().min(16)),
  /** The site's public address: every link the app mails or publishes starts with it. */
  AUTH_URL: optional(z.url({ protocol: /^https?$/, error: "AUTH_URL must be an http(s):// URL such as https://papers.example.org" })),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  AUTH_HUGGINGFACE_ID: optional(z.string()),
  AUTH_HUGGINGFACE_SECRET: optional(z.string()),
  CRON_SECRET: optional(z.string().min(1)),
  /** Comma-separated emails of the accounts that may see admin pages (e.g. ingestion runs). */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((s) =>
      s
        .split(",")
        .map((e) => e.trim().toLowerCase())
        .filter(Boolean),
    ),
  HF_API_URL: z.url().default("https://huggingface.co"),
  ARXIV_API_URL: z.url().default("https://export.arxiv.org/api/query"),
  SMTP_URL: optional(z.url()),
  EMAIL_FROM: z.string().default("Daily Papers <papers@localhost>"),
  /** `1` prints sign-in links to the server log when there is no SMTP_URL (always so under `next dev`). */
  LOG_SIGN_IN_LINKS: flag.default("0"),
  INGEST_ON_START: flag.default("1"),
  INGEST_CRON: optional(z.string()),
  /** Cron expression (UTC) for sending the email digests in-process; unset: only /api/cron/digest sends them. */
  DIGEST_CRON: optional(z.string()),
  /** DKIM signing of outgoing mail, all three or none: the signing domain, the selector, the PEM private key. */
  DKIM_DOMAIN: optional(z.string()),
  DKIM_SELECTOR: optional(z.string()),
  DKIM_PRIVATE_KEY: optional(z.string()),
  /**
   * Reverse proxies in front of the app that append the client's address to X-Forwarded-For.
   * 0: the client is the socket's peer, and forwarding headers sent by clients are ignored.
   */
  TRUSTED_PROXIES: z.coerce.number({ error: "TRUSTED_PROXIES must be a whole number" }).int().min(0).max(10).default(0),
  /**
   * PostgreSQL cancels a web request's statement after this many milliseconds (0: never); the
   * request answers 503. Background jobs are not bounded. The embedded store ignores it.
   */
  STATEMENT_TIMEOUT_MS: z.coerce.number({ error: "STATEMENT_TIMEOUT_MS must be a whole number" }).int().min(0).default(5000),
  /** Searches (`/api/papers/search`, `/api/search`) one client may make per minute. */
  SEARCH_RATE_LIMIT: z.coerce.number({ error: "SEARCH_RATE_LIMIT must be a whole number" }).int().min(1).default(120),
  /** Suggestions (`/api/search/suggest`, one per keystroke in the header box) one client may ask per minute. */
  SUGGEST_RATE_LIMIT: z.coerce.number({ error: "SUGGEST_RATE_LIMIT must be a whole number" }).int().min(1).default(600),
  /** Share images (`/og/…`) not yet drawn that one client may have the server draw per minute; images already drawn do not count. */
  SHARE_IMAGE_DRAW_LIMIT: z.coerce.number({ error: "SHARE_IMAGE_DRAW_LIMIT must be a whole number" }).int().min(1).default(30),
  /**
   * Seconds `npm start` keeps a public response's exact bytes to send again (server/http/response-cache.ts);
   * 0 turns it off. Never longer than the response's own Cache-Control allows.
   */
  RESPONSE_CACHE_SECONDS: z.coerce.number({ error: "RESPONSE_CACHE_SECONDS must be a whole number" }).int().min(0).max(60).default(5),
  /** Set by `npm start` (scripts/start.ts), whose edge (server/http/edge.ts) puts the client's address in a header of its own. */
  DAILY_PAPERS_SERVER: flag.default("0"),
  /**
   * Server processes `npm start` runs, sharing one port: by default one per core with DATABASE_URL,
   * and 1 on the embedded store, which one process alone may open.
   */
  WEB_CONCURRENCY: optional(z.coerce.number({ error: "WEB_CONCURRENCY must be a whole number" }).int().min(1).max(64)),
  /** `0` in `npm start`'s server processes but the first: one process runs the in-process schedules. */
  DAILY_PAPERS_JOBS: flag.default("1"),
  /** Vercel's own variables: there, the production domain is the public URL when AUTH_URL is unset. */
  VERCEL: optional(z.string()),
  VERCEL_PROJECT_PRODUCTION_URL: optional(z.string()),
  /** Set by Next.js while `next build` runs: nothing may touch the database then. */
  NEXT_PHASE: optional(z.string()),
});

export type Env = z.infer<typeof schema>;

function parseEnv(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}

export const env = parseEnv();

export const isBuildPhase = env.NEXT_PHASE === "phase-production-build";

/**
 * Facts about how this process runs. `devServer` is true only under `next dev`: Next.js writes
 * NODE_ENV into the build, so a production build says false whatever the environment claims.
 * Tests may flip it.
 */
export const runtime = { devServer: process.env.NODE_ENV === "development" };

/**
 * The public origin: AUTH_URL, else Vercel's production domain, else (development and tests
 * only) http://localhost:PORT. Null in production without one: nothing that needs it is offered.
 */
function resolvePublicOrigin(): string | null {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  if (env.VERCEL && env.VERCEL_PROJECT_PRODUCTION_URL) return new URL(`https://${env.VERCEL_PROJECT_PRODUCTION_URL}`).origin;
  if (env.NODE_ENV !== "production") return `http://localhost:${env.PORT}`;
  return null;
}

export const publicOrigin = resolvePublicOrigin();

// Auth.js reads AUTH_URL itself, from process.env, to build its own links (sign-in, callbacks):
// with it set, the request's Host and X-Forwarded-Host are never used for them.
if (publicOrigin && !process.env.AUTH_URL) process.env.AUTH_URL = publicOrigin;
