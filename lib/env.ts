import { z } from "zod";

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
  LOG_SIGN_IN_LINKS: flag.default("0"),
  INGEST_ON_START: flag.default("1"),
  INGEST_CRON: optional(z.string()),
  DIGEST_CRON: optional(z.string()),
  DKIM_DOMAIN: optional(z.string()),
  DKIM_SELECTOR: optional(z.string()),
  DKIM_PRIVATE_KEY: optional(z.string()),
  /** Proxies that append to X-Forwarded-For; 0: the socket's peer is the client and forwarding headers are ignored. */
  TRUSTED_PROXIES: z.coerce.number({ error: "TRUSTED_PROXIES must be a whole number" }).int().min(0).max(10).default(0),
  STATEMENT_TIMEOUT_MS: z.coerce.number({ error: "STATEMENT_TIMEOUT_MS must be a whole number" }).int().min(0).default(5000),
  SEARCH_RELATED_WEIGHT: z.coerce.number({ error: "SEARCH_RELATED_WEIGHT must be a number from 0 to 1" }).min(0).max(1).default(0.2),
  SEARCH_RATE_LIMIT: z.coerce.number({ error: "SEARCH_RATE_LIMIT must be a whole number" }).int().min(1).default(120),
  SUGGEST_RATE_LIMIT: z.coerce.number({ error: "SUGGEST_RATE_LIMIT must be a whole number" }).int().min(1).default(600),
  SHARE_IMAGE_DRAW_LIMIT: z.coerce.number({ error: "SHARE_IMAGE_DRAW_LIMIT must be a whole number" }).int().min(1).default(30),
  RESPONSE_CACHE_SECONDS: z.coerce.number({ error: "RESPONSE_CACHE_SECONDS must be a whole number" }).int().min(0).max(60).default(5),
  DAILY_PAPERS_SERVER: flag.default("0"),
  /** Default one per core with DATABASE_URL, and 1 on the embedded store, which one process alone may open. */
  WEB_CONCURRENCY: optional(z.coerce.number({ error: "WEB_CONCURRENCY must be a whole number" }).int().min(1).max(64)),
  /** `0` in all but the first `npm start` process: one process runs the in-process schedules. */
  DAILY_PAPERS_JOBS: flag.default("1"),
  VERCEL: optional(z.string()),
  VERCEL_PROJECT_PRODUCTION_URL: optional(z.string()),
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

/** Next.js writes NODE_ENV into the build, so `devServer` is false in a production build whatever the environment claims. */
export const runtime = { devServer: process.env.NODE_ENV === "development" };

function resolvePublicOrigin(): string | null {
  if (env.AUTH_URL) return new URL(env.AUTH_URL).origin;
  if (env.VERCEL && env.VERCEL_PROJECT_PRODUCTION_URL) return new URL(`https://${env.VERCEL_PROJECT_PRODUCTION_URL}`).origin;
  if (env.NODE_ENV !== "production") return `http://localhost:${env.PORT}`;
  return null;
}

export const publicOrigin = resolvePublicOrigin();

// Auth.js builds its own links from process.env.AUTH_URL, so the request's Host headers are never used for them.
if (publicOrigin && !process.env.AUTH_URL) process.env.AUTH_URL = publicOrigin;
