import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { JobRun } from "@/db/schema";
import { canSeeAdminPages } from "@/server/admin";
import { describeRun, listRuns } from "@/server/jobs/runs";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Background jobs", robots: { index: false } };

const statusStyle: Record<JobRun["status"], string> = {
  running: "bg-blue-100 text-blue-900 dark:bg-blue-950 dark:text-blue-200",
  succeeded: "bg-green-100 text-green-900 dark:bg-green-950 dark:text-green-200",
  partial: "bg-amber-100 text-amber-900 dark:bg-amber-950 dark:text-amber-200",
  failed: "bg-red-100 text-red-900 dark:bg-red-950 dark:text-red-200",
};

const timeFormat = new Intl.DateTimeFormat("en-US", {
  month: "short",
  day: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hour12: false,
  timeZone: "UTC",
});

function duration(run: JobRun): string {
  if (!run.finishedAt) return "…";
  const seconds = Math.round((run.finishedAt.getTime() - run.startedAt.getTime()) / 1000);
  return seconds < 60 ? `${seconds} s` : `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

function params(run: JobRun): string {
  const { from, to } = run.params as { from?: string; to?: string };
  if (from && to) return from === to ? from : `${from} – ${to}`;
  return Object.keys(run.params).length ? JSON.stringify(run.params) : "";
}

/** Recent runs of every background job, for admins (and anyone under `next dev`). */
export default async function JobRunsPage() {
  if (!(await canSeeAdminPages())) notFound();
  const runs = await listRuns({ limit: 100 });

  return (
    <div>
      <h1 className="text-2xl font-bold tracking-tight">Background jobs</h1>
      <p className="mt-1 text-sm text-gray-600 dark:text-gray-400">
        The 100 most recent runs of every job (ingestion, housekeeping), newest first. Times are UTC. Visible to admins only (ADMIN_EMAILS),
        and to everyone under <code>npm run dev</code>.
      </p>
      {runs.length === 0 ? (
        <p className="mt-6 text-gray-700 dark:text-gray-300">
          No runs yet. Start one with <code className="font-mono">npm run ingest -- --days 7</code>.
        </p>
      ) : (
        <div className="mt-6 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Job runs, newest first</caption>
            <thead className="border-b border-gray-200 text-gray-600 dark:border-gray-800 dark:text-gray-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Run
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Job
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Started
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Took
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Trigger
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  For
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  Status
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  What it did
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-gray-100 dark:divide-gray-900">
              {runs.map((run) => (
                <tr key={run.id} className="align-top">
                  <th scope="row" className="py-2 pr-3 font-mono font-normal">
                    {run.id}
                  </th>
                  <td className="py-2 pr-3">{run.job}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">
                    <time dateTime={run.startedAt.toISOString()}>{timeFormat.format(run.startedAt)}</time>
                  </td>
                  <td className="py-2 pr-3 whitespace-nowrap">{duration(run)}</td>
                  <td className="py-2 pr-3">{run.trigger}</td>
                  <td className="py-2 pr-3 whitespace-nowrap">{params(run)}</td>
                  <td className="py-2 pr-3">
                    <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${statusStyle[run.status]}`}>{run.status}</span>
                    {run.error ? (
                      <details className="mt-1 max-w-md">
                        <summary className="cursor-pointer text-xs text-gray-600 dark:text-gray-400">Errors</summary>
                        <pre className="mt-1 text-xs whitespace-pre-wrap break-words">{run.error}</pre>
                      </details>
                    ) : null}
                  </td>
                  <td className="py-2 pr-3">{describeRun(run)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
