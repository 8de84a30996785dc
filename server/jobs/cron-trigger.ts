/** `/api/cron/{job}`, for schedulers outside the process (Vercel Cron, a system cron); 409 while another run holds the lock. */
import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";
import { z } from "zod";
import { ApiError, handleErrors, parseOr400 } from "@/lib/errors";
import { readJsonObject } from "@/lib/request";
import { JobBusyError, runJob, type JobRunSummary } from "./job";
import type { JobEntry } from "./registry";

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash("sha256").update(s).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function authorize(request: Request, surface: string): void {
  const secret = env.CRON_SECRET;
  if (!secret) throw new ApiError(`unavailable:${surface}`, "Running jobs over HTTP is disabled: CRON_SECRET is not set.");
  const token = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!token || !sameSecret(token, secret)) {
    throw new ApiError(`unauthorized:${surface}`, "Send Authorization: Bearer <CRON_SECRET>.", {
      "WWW-Authenticate": `Bearer realm="${surface}"`,
    });
  }
}

async function readParams(request: Request, surface: string): Promise<Record<string, unknown>> {
  const fromQuery = Object.fromEntries(new URL(request.url).searchParams);
  if (request.method !== "POST") return fromQuery;
  return { ...fromQuery, ...(await readJsonObject(request, surface)) };
}

/** The parameters of a job that takes none: anything in the query or body is a 400. */
export function noParams(raw: Record<string, unknown>, surface: string): Record<string, never> {
  parseOr400(z.object({}).strict(), raw, surface);
  return {};
}

export function cronTrigger<P, R extends Record<string, unknown>>(
  entry: JobEntry<P, R>,
  { parse, respond }: { parse: (raw: Record<string, unknown>, surface: string) => P; respond: (summary: JobRunSummary<R>) => unknown },
) {
  const surface = entry.job.name;
  return handleErrors(async (request: Request) => {
    authorize(request, surface);
    const params = parse(await readParams(request, surface), surface);
    try {
      const summary = await runJob(entry.job, { params, trigger: "cron" });
      return Response.json(respond(summary), { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof JobBusyError) throw new ApiError(`conflict:${surface}`, error.message);
      throw error;
    }
  });
}
