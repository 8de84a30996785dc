import cluster, { type Worker } from "node:cluster";

/** On SIGTERM/SIGINT, once: `close`, then exit after `graceMs` whatever is still running. */
export function onStop(close: (signal: NodeJS.Signals) => void, graceMs: number): void {
  let stopping = false;
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.on(signal, () => {
      if (stopping) return;
      stopping = true;
      close(signal);
      setTimeout(() => process.exit(0), graceMs).unref();
    });
  }
}

/** The first process starts alone (it migrates the store) and runs the schedules; the rest start once it says "ready". */
export async function superviseWorkers(count: number): Promise<void> {
  let stopping = false;
  const restarts: number[] = [];
  const fork = (jobs: boolean): Worker => {
    const worker = cluster.fork({ DAILY_PAPERS_JOBS: jobs ? "1" : "0" });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      const now = Date.now();
      restarts.push(now);
      while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift();
      if (restarts.length > 5) {
        console.error("[daily-papers] server processes keep dying; stopping");
        process.exit(1);
      }
      console.error(`[daily-papers] a server process ended (${signal ?? `exit ${code}`}); starting another`);
      fork(jobs);
    });
    return worker;
  };
  const ready = (worker: Worker) => new Promise<void>((resolve) => worker.on("message", (message) => message === "ready" && resolve()));
  await ready(fork(true));
  await Promise.all(Array.from({ length: count - 1 }, () => ready(fork(false))));
  console.log(`[daily-papers] ${count} server processes ready`);
  onStop((signal) => {
    stopping = true;
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill(signal);
    const exitWhenDone = () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0);
    cluster.on("exit", exitWhenDone);
    exitWhenDone();
  }, 12_000);
}
