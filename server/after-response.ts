import "server-only";
import { after } from "next/server";

/** After the response, so how long `task` takes (a mail server's round trips) cannot be read from the answer. */
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

const running = new Set<Promise<void>>();

export async function backgroundTasksSettled(): Promise<void> {
  while (running.size > 0) await Promise.all(running);
}
