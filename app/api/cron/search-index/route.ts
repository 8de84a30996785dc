import { cronTrigger, noParams } from "@/server/jobs/cron-trigger";
import { searchIndexEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

const handler = cronTrigger(searchIndexEntry, {
  parse: noParams,
  respond: ({ runId, status, result }) => ({ runId, status, ...result }),
});

export const GET = handler;
export const POST = handler;
