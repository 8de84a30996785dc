import { createHash, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { env } from "@/lib/env";
import { ApiError, describeZodError, handleErrors } from "@/lib/errors";
import { defaultRange, DayRangeError, resolveRange } from "@/lib/ingest/range";
import { IngestionBusyError, runIngestion } from "@/lib/ingest/run";
import { housekeeping } from "@/lib/startup";

export const dynamic = "force-dynamic";
// A 31-day backfill with arXiv's pauses takes minutes; hosts that cap route time read this.
export const maxDuration = 300;

const MAX_DAYS = 31;

const params = z
  .object({
    date: z.string().optional(),
    from: z.string().optional(),
    to: z.string().optional(),
  })
  .strict();

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function authorize(request: Request): void {
  const secret = env.CRON_SECRET;
  if (!secret) {
    throw new ApiError("unavailable:ingest", "Ingestion over HTTP is disabled: CRON_SECRET is not set.");
  }
  const header = request.headers.get("authorization") ?? "";
  const token = /^Bearer (.+)$/.exec(header)?.[1];
  if (!token || !sameSecret(token, secret)) {
    throw new ApiError("unauthorized:ingest", "Send Authorization: Bearer <CRON_SECRET>.", {
      "WWW-Authenticate": 'Bearer realm="ingest"',
    });
  }
}

async function readParams(request: Request): Promise<Record<string, unknown>> {
  const fromQuery = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== "POST") return fromQuery;
  const text = await request.text();
  if (text.trim() === "") return fromQuery;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError("bad_request:ingest", "The request body is not valid JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body)) {
    throw new ApiError("bad_request:ingest", "The request body must be a JSON object.");
  }
  return { ...fromQuery, ...body };
}

async function ingest(request: Request): Promise<Response> {
  authorize(request);
  const parsed = params.safeParse(await readParams(request));
  if (!parsed.success) throw new ApiError("bad_request:ingest", describeZodError(parsed.error));

  let range;
  try {
    range = resolveRange(parsed.data, { maxDays: MAX_DAYS, fallback: defaultRange() });
  } catch (error) {
    if (error instanceof DayRangeError) throw new ApiError("bad_request:ingest", error.message);
    throw error;
  }

  try {
    const { runId, status, days } = await runIngestion({ range, trigger: "cron" });
    // Hosts without a long-running process (serverless) purge expired rows on this schedule.
    await housekeeping();
    return Response.json({ runId, status, days }, { headers: { "Cache-Control": "no-store" } });
  } catch (error) {
    if (error instanceof IngestionBusyError) throw new ApiError("conflict:ingest", error.message);
    throw error;
  }
}

export const GET = handleErrors(ingest);
export const POST = handleErrors(ingest);
