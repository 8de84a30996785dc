import { z } from "zod";
import { DIGEST_FREQUENCIES } from "@/lib/digest";
import { parseDay } from "@/lib/dates";
import { parseOr400 } from "@/lib/errors";
import { cronTrigger } from "@/server/jobs/cron-trigger";
import { digestEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";
// Thousands of messages take minutes; hosts that cap route time read this.
export const maxDuration = 300;

const params = z
  .object({
    frequency: z.enum(DIGEST_FREQUENCIES).optional(),
    today: z
      .string()
      .refine((d) => parseDay(d) !== null, "must be a day, YYYY-MM-DD")
      .optional(),
  })
  .strict();

const handler = cronTrigger(digestEntry, {
  parse(raw, surface) {
    const { frequency, today } = parseOr400(params, raw, surface);
    return { frequencies: frequency ? [frequency] : digestEntry.defaultParams().frequencies, ...(today ? { today } : {}) };
  },
  respond: ({ runId, status, result }) => ({
    runId,
    status,
    period: result.period,
    sent: result.sent,
    skipped: result.skipped,
    failed: result.failed,
    periods: result.periods.map(({ frequency, period, subscribers, topics, sent, skipped, failed }) => ({
      frequency,
      period,
      subscribers,
      topics,
      sent,
      skipped,
      failed,
    })),
  }),
});

export const GET = handler;
export const POST = handler;
