import { cronTrigger, noParams } from "@/server/jobs/cron-trigger";
import { housekeepingEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

const handler = cronTrigger(housekeepingEntry, {
  parse: noParams,
  respond: ({ runId, status, result }) => ({ runId, status, purged: result }),
});

export const GET = handler;
export const POST = handler;
