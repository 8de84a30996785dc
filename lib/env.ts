import { z } from "zod";

/** Empty strings in the environment mean "unset". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" ? undefined : v), schema.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: optional(z.url({ protocol: /^postgres(ql)?$/, error: "DATABASE_URL must be a postgres:// URL" })),
  DATA_DIR: z.string().min(1).default("./.data"),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: optional(z.string().min(16)),
  AUTH_URL: optional(z.url()),
  AUTH_GITHUB_ID: optional(z.string()),
  AUTH_GITHUB_SECRET: optional(z.string()),
  AUTH_HUGGINGFACE_ID: optional(z.string()),
  AUTH_HUGGINGFACE_SECRET: optional(z.string()),
  CRON_SECRET: optional(z.string().min(1)),
  /** Comma-separated emails of the accounts that may see admin pages (e.g. ingestion runs). */
  ADMIN_EMAILS: z
    .string()
    .default("")
    .transform((s) => s.split(",").map((e) => e.trim().toLowerCase()).filter(Boolean)),
  HF_API_URL: z.url().default("https://huggingface.co"),
  ARXIV_API_URL: z.url().default("https://export.arxiv.org/api/query"),
  SMTP_URL: optional(z.url()),
  EMAIL_FROM: z.string().default("Daily Papers <papers@localhost>"),
  INGEST_ON_START: z.enum(["0", "1"]).default("1"),
  INGEST_CRON: optional(z.string()),
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
