/**
 * Loads the search benchmark's corpus: N synthetic papers, each listed on its publication day
 * (bench/load-papers.ts does the work).
 *
 *   tsx bench/load.ts --url postgres://postgres@127.0.0.1:55433/bench_1m --n 1000000 [--seed 42]
 */
import { loadPapers } from "./load-papers";
import { arg } from "./args";

await loadPapers({ url: arg("url"), n: Number(arg("n")), seed: Number(arg("seed", "42")) });
