import "server-only";
import { after } from "next/server";

/**
 * Runs `task` once the response is sent, so that how long it takes (a mail server's round trips)
 * cannot be read from the answer. Next's `after()` where a request scope exists; elsewhere (a
 * script, a test calling a route handler) a background promise. Either way a failure is logged.
 */
export function afterResponse(label: string, task: () => Promise<void>): void {
  const run = () => task().catch((error: unknown) => console.error(`[${label}]`, error));
  try {
    after(run);
  } catch {
    // after() throws only outside a request scope, before it has taken the task. The next turn of
    // the event loop: the task's first, synchronous part (rendering) must not delay the answer.
    const done = new Promise<void>((resolve) => setImmediate(() => void run().finally(resolve)));
    running.add(done);
    void done.finally(() => running.delete(done));
  }
}

/** Tasks started outside a request scope and not ended yet. */
const running = new Set<Promise<void>>();

/** Resolves once every task started outside a request scope has ended (tests, scripts about to exit). */
export async function backgroundTasksSettled(): Promise<void> {
  while (running.size > 0) await Promise.all(running);
}
