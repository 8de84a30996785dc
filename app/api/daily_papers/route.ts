import { type NextRequest } from "next/server";
import { z } from "zod";
import type { PaperWithOrg } from "@/db/queries/papers";
import { integerParam, parseSearchParams } from "@/lib/api/params";
import { parseDay, parseMonth, parseWeek, periodOf, type Period } from "@/lib/dates";
import { ApiError, handleErrors } from "@/lib/errors";
import { toDailyPaperItem } from "@/server/api/paper-json";
import { loadSubmittedPapers, loadTrending } from "@/server/papers";
import { latestDay, loadPeriod } from "@/server/periods";
import { PUBLIC_DYNAMIC_CACHE } from "@/lib/response-headers";

const periodParam = <T>(parse: (v: string) => T | null, example: string) =>
  z.string().transform((value, ctx) => {
    const parsed = parse(value);
    if (parsed === null) {
      ctx.addIssue({ code: "custom", message: `not a valid value, expected e.g. ${example}` });
      return z.NEVER;
    }
    return parsed;
  });

const SUBMITTER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

const query = z.object({
  date: periodParam(parseDay, "2026-03-09").optional(),
  week: periodParam(parseWeek, "2026-W11").optional(),
  month: periodParam(parseMonth, "2026-03").optional(),
  limit: integerParam({ min: 1, max: 100, fallback: 50 }),
  p: integerParam({ min: 0, max: 10_000, fallback: 0 }),
  sort: z.enum(["trending", "publishedAt"]).optional(),
  submitter: z
    .string()
    .max(100, { error: "must be at most 100 characters" })
    .regex(SUBMITTER_NAME, { error: "not a user name, expected letters, digits, '-', '_' or '.'" })
    .optional(),
});

export const GET = handleErrors(async (request: NextRequest) => {
  const q = parseSearchParams(request.nextUrl.searchParams, query, "daily_papers");
  const given = [q.date, q.week, q.month].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw new ApiError("bad_request:daily_papers", "Give at most one of date, week and month.");
  }
  const window = { limit: q.limit, offset: q.p * q.limit };
  let period: Period | null = q.week ?? q.month ?? (q.date ? periodOf("day", q.date) : null);
  // A submitter with no period: everything they submitted, newest listing day first.
  if (!period && q.submitter !== undefined) return respond(await loadSubmittedPapers({ submitter: q.submitter, sort: q.sort, ...window }));
  // Asked for trending with no period: rank everything by recent momentum.
  if (!period && q.sort === "trending") return respond(await loadTrending(window));
  if (!period) {
    const latest = await latestDay();
    period = latest ? periodOf("day", latest) : null;
  }
  return respond(period ? (await loadPeriod({ period, submitter: q.submitter, sort: q.sort ?? "trending", ...window })).papers : []);
});

function respond(papers: PaperWithOrg[]): Response {
  return Response.json(papers.map(toDailyPaperItem), {
    headers: { "Cache-Control": PUBLIC_DYNAMIC_CACHE },
  });
}
