import { cronTrigger, noParams } from "@/server/jobs/cron-trigger";
import { voteFoldEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

const handler = cronTrigger(voteFoldEntry, {
  parse: noParams,
  respond: ({ runId, status, result }) => ({ runId, status, folded: result }),
});

export const GET = handler;
export const POST = handler;
