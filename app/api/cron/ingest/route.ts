import { z } from "zod";
import { ApiError, parseOr400 } from "@/lib/errors";
import { DayRangeError, resolveRange } from "@/lib/ingest/range";
import { cronTrigger } from "@/server/jobs/cron-trigger";
import { ingestEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";
// A 31-day backfill with arXiv's pauses takes minutes; hosts that cap route time read this.
export const maxDuration = 300;

const MAX_DAYS = 31;

const params = z.object({ date: z.string().optional(), from: z.string().optional(), to: z.string().optional() }).strict();

const handler = cronTrigger(ingestEntry, {
  parse(raw, surface) {
    const asked = parseOr400(params, raw, surface);
    try {
      return { range: resolveRange(asked, { maxDays: MAX_DAYS, fallback: ingestEntry.defaultParams().range }) };
    } catch (error) {
      if (error instanceof DayRangeError) throw new ApiError(`bad_request:${surface}`, error.message);
      throw error;
    }
  },
  respond: ({ runId, status, result }) => ({ runId, status, days: result.days }),
});

export const GET = handler;
export const POST = handler;
