import { z } from "zod";
import { ApiError, describeZodError } from "@/lib/errors";
import { cronTrigger } from "@/server/jobs/cron-trigger";
import { shareImagesEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

const handler = cronTrigger(shareImagesEntry, {
  parse(raw, surface) {
    const parsed = z.object({}).strict().safeParse(raw);
    if (!parsed.success) throw new ApiError(`bad_request:${surface}`, describeZodError(parsed.error));
    return {};
  },
  respond: ({ runId, status, result }) => ({ runId, status, ...result }),
});

export const GET = handler;
export const POST = handler;
