/** `tsx bench/load.ts --url postgres://…/bench_1m --n 1000000 [--seed 42]`: the search corpus, each paper listed on its publication day. */
import { loadPapers } from "./load-papers";
import { arg } from "./args";

await loadPapers({ url: arg("url"), n: Number(arg("n")), seed: Number(arg("seed", "42")) });
