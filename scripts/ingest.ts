/** `npm run ingest -- --date D | --from A --to B | --days N`, for backfills. */
import { parseArgs } from "node:util";
import { closeDb, engine } from "@/db";
import { EmbeddedStoreLockedError } from "@/db/embedded-lock";
import { JobBusyError } from "@/server/jobs/job";
import type { IngestionDayResult } from "@/db/schema";
import { defaultRange, dayCount, DayRangeError, resolveRange } from "@/lib/ingest/range";
import { runIngestion } from "@/server/ingest/run";

const USAGE = "usage: npm run ingest -- [--date YYYY-MM-DD | --from YYYY-MM-DD --to YYYY-MM-DD | --days N]";
const MAX_DAYS = 1000;

function bar(done: number, total: number, width = 30): string {
  const filled = Math.round((done / total) * width);
  return `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total}`;
}

function dayLine(d: IngestionDayResult): string {
  const counts = `${String(d.fetched).padStart(4)} fetched ${String(d.inserted).padStart(4)} new ${String(d.updated).padStart(4)} updated ${String(d.rejected).padStart(3)} rejected`;
  const note = d.error ? `  FAILED: ${d.error}` : d.warning ? `  (${d.warning})` : "";
  return `  ${d.date} ${counts}${note}`;
}

async function main(): Promise<number> {
  let range;
  try {
    const { values } = parseArgs({
      options: { date: { type: "string" }, from: { type: "string" }, to: { type: "string" }, days: { type: "string" } },
      strict: true,
      allowPositionals: false,
    });
    const days = values.days === undefined ? undefined : /^\d+$/.test(values.days) ? Number(values.days) : NaN;
    range = resolveRange({ date: values.date, from: values.from, to: values.to, days }, { maxDays: MAX_DAYS, fallback: defaultRange() });
  } catch (error) {
    if (error instanceof DayRangeError || (error instanceof Error && "code" in error && String(error.code).startsWith("ERR_PARSE_ARGS"))) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }

  const total = dayCount(range);
  const tty = process.stderr.isTTY;
  console.error(`ingesting ${range.from} to ${range.to} (${total} days) into the ${engine} store`);
  try {
    const summary = await runIngestion({
      range,
      trigger: "cli",
      onDay: (day, done) => {
        if (tty) process.stderr.write(`\r${bar(done, total)} ${day.date}${day.error ? " (failed)" : ""}   `);
        else console.error(dayLine(day));
      },
    });
    if (tty) process.stderr.write("\n");

    const sum = (key: "fetched" | "inserted" | "updated" | "rejected") => summary.days.reduce((n, d) => n + d[key], 0);
    console.log(`run ${summary.runId}: ${summary.status}`);
    for (const day of summary.days) console.log(dayLine(day));
    console.log(
      `total: ${sum("fetched")} fetched, ${sum("inserted")} new, ${sum("updated")} updated, ${sum("rejected")} rejected, ` +
        `${summary.days.filter((d) => d.error).length} of ${summary.days.length} days failed`,
    );
    return summary.status === "succeeded" ? 0 : 1;
  } catch (error) {
    if (tty) process.stderr.write("\n");
    if (error instanceof JobBusyError || error instanceof EmbeddedStoreLockedError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  }
}

try {
  process.exitCode = await main();
} finally {
  await closeDb();
}
