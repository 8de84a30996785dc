import { cronTrigger, noParams } from "@/server/jobs/cron-trigger";
import { shareImagesEntry } from "@/server/jobs/registry";

export const dynamic = "force-dynamic";

const handler = cronTrigger(shareImagesEntry, {
  parse: noParams,
  respond: ({ runId, status, result }) => ({ runId, status, ...result }),
});

export const GET = handler;
export const POST = handler;
