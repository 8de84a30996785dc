/** `--explain`: the use-cases run over a client with a logger in db/index.ts's place, so what is explained is exactly what the app sends (without SET LOCAL). */
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";

const clip = (text: string) => (text.length > 400 ? `${text.slice(0, 400)}… (${text.length} characters)` : text);

interface Captured {
  query: string;
  params: unknown[];
}

export async function explainHotQueries({
  url,
  day,
  weekKey,
  paperId,
  search,
}: {
  url: string;
  day: string;
  weekKey: string;
  paperId: string;
  search: string;
}): Promise<string> {
  process.env.DATABASE_URL = url;
  // As the app would on start: a data set loaded by an older version of it gets the newer migrations.
  await (await import("@/db")).migratePostgres(url);
  const schema = await import("@/db/schema");
  const client = postgres(url, { max: 4, onnotice: () => {}, connection: { jit: "off" } });
  let captured: Captured[] = [];
  const db = drizzle({ client, schema, logger: { logQuery: (query, params) => void captured.push({ query, params }) } });
  (globalThis as unknown as { __dailyPapersStore?: Promise<unknown> }).__dailyPapersStore = Promise.resolve({
    db,
    engine: "postgres",
    close: () => client.end(),
  });

  const [{ loadPeriod }, { loadPaper, loadTrending }, { searchPapers }, { periodOf, parseWeek }] = await Promise.all([
    import("@/server/periods"),
    import("@/server/papers"),
    import("@/server/search"),
    import("@/lib/dates"),
  ]);
  const week = parseWeek(weekKey);
  if (!week) throw new Error(`bad week ${weekKey}`);
  const cases: [string, () => Promise<unknown>][] = [
    [`day listing (${day})`, () => loadPeriod({ period: periodOf("day", day), limit: 200 })],
    [`week listing (${weekKey})`, () => loadPeriod({ period: week, limit: 200 })],
    [`paper by id (${paperId})`, () => loadPaper(paperId)],
    ["trending", () => loadTrending({ limit: 50 })],
    [`search "${search}"`, () => searchPapers({ q: search, limit: 20 } as Parameters<typeof searchPapers>[0])],
  ];
  const out: string[] = [];
  for (const [name, call] of cases) {
    captured = [];
    await call();
    const statements = captured.filter((c) => /^\s*(select|with)\b/i.test(c.query));
    out.push(`### ${name}: ${statements.length} statement(s)\n`);
    for (const { query, params } of statements) {
      const plan = await client.unsafe<{ "QUERY PLAN": string }[]>(
        `explain (analyze, buffers) ${query}`,
        params as postgres.ParameterOrJSON<never>[],
      );
      out.push(
        "```sql",
        query,
        params.length ? `-- params: ${clip(JSON.stringify(params))}` : "",
        "```",
        "```",
        ...plan.map((r) => r["QUERY PLAN"]),
        "```\n",
      );
    }
  }
  await client.end();
  return out.join("\n");
}
