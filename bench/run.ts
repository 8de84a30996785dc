/** `npm run bench:search -- --server postgres://postgres@127.0.0.1:55433 [--sizes 100000,1000000] [--reload]` */
import { spawnSync } from "node:child_process";
import { arg } from "./args";
import { CORPUS_VERSION } from "./corpus";
import { findLoad, writeMarker } from "./marker";

const server = arg("server").replace(/\/+$/, "");
const sizes = arg("sizes", "100000,1000000").split(",").map(Number);
const reload = process.argv.includes("--reload");
const samples = arg("samples", "100");
const SEED = 42;

interface Marker {
  corpus: number;
  papers: number;
  seed: number;
}

const run = (args: string[], env: NodeJS.ProcessEnv = process.env) => {
  const result = spawnSync("npx", ["tsx", "--tsconfig", "tsconfig.scripts.json", ...args], { stdio: "inherit", env });
  if (result.status !== 0) throw new Error(`${args.join(" ")} failed`);
};

for (const n of sizes) {
  const name = `bench_${n >= 1_000_000 && n % 1_000_000 === 0 ? `${n / 1_000_000}m` : n % 1000 === 0 ? `${n / 1000}k` : n}`;
  const { url, held } = await findLoad<Marker>({ server, name, wanted: { corpus: CORPUS_VERSION, papers: n, seed: SEED }, reload });
  if (!held) {
    const started = Date.now();
    run(["bench/load.ts", "--url", url, "--n", String(n), "--seed", String(SEED)]);
    await writeMarker(server, name, { corpus: CORPUS_VERSION, papers: n, seed: SEED }, started);
  }
  run(["bench/search.ts", "--samples", samples], { ...process.env, DATABASE_URL: url });
}
