import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { listIngestionRuns } from "@/db/queries/ingest";
import type { IngestionRun } from "@/db/schema";
import { canSeeAdminPages } from "@/lib/admin";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Ingestion runs", robots: { index: false } };

const statusStyle: Record<IngestionRun["status"], string> = {
  running: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  succeeded: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  partial: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

const timeFormat = new Intl.DateTimeFormat("en-US", {
  month: "short", day: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false, timeZone: "UTC",
});

function duration(run: IngestionRun): string {
  if (!run.finishedAt) return "…";
  const seconds = Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function total(run: IngestionRun, key: "fetched" | "inserted" | "updated" | "rejected"): number {
  return run.days.reduce((n, d) => n + d[key], 0);
}

/** Recent ingestion runs, for admins (and anyone in development). */
export default async function IngestionRunsPage() {
  if (!(await canSeeAdminPages())) notFound();
  const runs = await listIngestionRuns({ limit: 50 });

  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Ingestion runs</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        The 50 most recent runs, newest first. Times are UTC. Visible to admins only (ADMIN_EMAILS), and to everyone in development.
      </p>
      {runs.length === 0 ? (
        <p className="mt-6 text-gray-700 dark:text-gray-300">
          No runs yet. Start one with <code className="font-mono">npm run ingest -- --days 7</code>.
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Ingestion runs, newest first</caption>
            <thead className="border-b border-gray-200 text-gray-600 dark:border-gray-800 dark:text-gray-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">Run</th>
                <th scope="col" className="py-2 pr-3 font-medium">Started</th>
                <th scope="col" className="py-2 pr-3 font-medium">Took</th>
                <th scope="col" className="py-2 pr-3 font-medium">Trigger</th>
                <th scope="col" className="py-2 pr-3 font-medium">Days</th>
                <th scope="col" className="py-2 pr-3 font-medium">Status</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Fetched</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">New</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Updated</th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">Rejected</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100 dark:divide-gray-900">
              {runs.map((run) => (
                <tr key={run.id} className="align-top">
                  <th scope="row" className="py-2 pr-3 font-mono font-normal">{run.id}</th>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <time dateTime={run.startedAt.toISOString()}>{timeFormat.format(run.startedAt)}</time>
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{duration(run)}</td>
                  <td className="py-2 pr-3">{run.trigger}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    {run.params.from === run.params.to ? run.params.from : `${run.params.from} – ${run.params.to}`}
                  </td>
                  <td className="py-2 pr-3">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusStyle[run.status]}`}>{run.status}</span>
                    {run.error ? (
                      <details className="mt-1 max-w-md">
                        <summary className="cursor-pointer text-xs text-gray-600 dark:text-gray-400">Errors</summary>
                        <pre className="mt-1 text-xs whitespace-pre-wrap break-words">{run.error}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3 text-right tabular-nums">{total(run, "fetched")}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{total(run, "inserted")}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{total(run, "updated")}</td>
                  <td className="py-2 pr-3 text-right tabular-nums">{total(run, "rejected")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
