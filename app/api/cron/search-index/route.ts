import { z } from "zod";
import { parseOr400 } from "@/lib/errors";
import { cronTrigger } from "@/server/jobs/cron-trigger";
import { searchIndexEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

const handler = cronTrigger(searchIndexEntry, {
  parse(raw, surface) {
    parseOr400(z.object({}).strict(), raw, surface);
    return {};
  },
  respond: ({ runId, status, result }) => ({ runId, status, ...result }),
});

export const GET = handler;
export const POST = handler;
