/** `npm run bench:search -- --server postgres://postgres@127.0.0.1:55433 [--sizes 100000,1000000] [--reload]` */
import { spawnSync } from "node:child_process";
import postgres from "postgres";
import { arg } from "./args";

const server = arg("server").replace(/\/+$/, "");
const sizes = arg("sizes", "100000,1000000").split(",").map(Number);
const reload = process.argv.includes("--reload");
const samples = arg("samples", "100");

async function count(url: string): Promise<number> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    const [row] = await sql<{ n: number }[]>`select count(*)::int as n from papers`;
    return row?.n ?? 0;
  } catch {
    return 0;
  } finally {
    await sql.end();
  }
}

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync("npx", ["tsx", "--tsconfig", "tsconfig.scripts.json", ...args], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
};

for (const n of sizes) {
  const url = `${server}/bench_${n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : n}`;
  if (reload || (await count(url)) !== n) run(["bench/load.ts", "--url", url, "--n", String(n)]);
  run(["bench/search.ts", "--samples", samples], { ...process.env, DATABASE_URL: url });
}
