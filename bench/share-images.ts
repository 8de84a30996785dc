/** Process CPU per share image through the route handlers, drawn on request or already stored (bench/RESULTS.md gives the command). */
process.env.DATA_DIR ??= "memory://";
process.env.INGEST_ON_START ??= "0";

import { arg } from "./args";

const PAPERS = Number(arg("papers", "40"));
const REPEAT = Number(arg("repeat", "5"));
const DAY = "2026-04-02";

async function main() {
  const { getDb, closeDb } = await import("@/db");
  const { papers } = await import("@/db/schema");
  const { GET: paperRoute } = await import("@/app/og/papers/[id]/route");
  const { GET: dayRoute } = await import("@/app/og/days/[day]/route");
  // Absent where images are not stored: then every request draws, and there is nothing to forget.
  const serve = await import("@/server/share-images/serve").catch(() => null);
  const forget = serve?.forgetRecentShareImages ?? (() => {});
  const db = await getDb();
  const ids = Array.from({ length: PAPERS }, (_, i) => `2604.${String(10000 + i)}`);
  await db.insert(papers).values(
    ids.map((id, i) => ({
      id,
      title: `Sparse mixtures of tiny experts, routed at scale, number ${i}`,
      abstract: "",
      authors: ["Grace Hopper", "Edsger Dijkstra", "Frances Allen", "Alan Kay"],
      authorCount: 4,
      listedOn: DAY,
      sourceUpvotes: 10 + i,
    })),
  );
  const get = async (url: string, call: () => Promise<Response>) => {
    const res = await call();
    if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
    return (await res.arrayBuffer()).byteLength;
  };
  // Each request from its own address, so no client's draw limit is reached.
  let client = 0;
  const headers = () => new Headers({ "x-forwarded-for": `10.0.${Math.floor(client / 250)}.${(client++ % 250) + 1}` });
  const paper = (id: string) =>
    get(id, () =>
      paperRoute(new Request(`http://localhost/og/papers/${id}.png`, { headers: headers() }), {
        params: Promise.resolve({ id: `${id}.png` }),
      }),
    );
  const day = () =>
    get(DAY, () =>
      dayRoute(new Request(`http://localhost/og/days/${DAY}.png`, { headers: headers() }), {
        params: Promise.resolve({ day: `${DAY}.png` }),
      }),
    );

  // Warm-up: next/og loads its font and WebAssembly on the first image.
  await paper(ids[0]!);
  const measure = async (label: string, requests: Array<() => Promise<number>>) => {
    const start = process.cpuUsage();
    const wall = performance.now();
    let bytes = 0;
    for (const r of requests) bytes += await r();
    const cpu = process.cpuUsage(start);
    const ms = (cpu.user + cpu.system) / 1000 / requests.length;
    const wallMs = (performance.now() - wall) / requests.length;
    console.log(
      `| ${label} | ${requests.length} | ${ms.toFixed(2)} | ${wallMs.toFixed(2)} | ${Math.round(bytes / requests.length / 1024)} |`,
    );
  };
  console.log("| Requests | n | CPU ms per image | wall ms per image | KB per image |\n| --- | ---: | ---: | ---: | ---: |");
  await measure(
    "paper images, first request of each",
    ids.slice(1).map((id) => () => paper(id)),
  );
  await measure("paper images, asked again", Array.from({ length: REPEAT }, () => ids.slice(1).map((id) => () => paper(id))).flat());
  await measure(
    "paper images, asked again, from the store",
    Array.from({ length: REPEAT }, () => ids.slice(1).map((id) => () => (forget(), paper(id)))).flat(),
  );
  await measure(
    "day image, first request then asked again",
    Array.from({ length: REPEAT }, () => day),
  );
  if (serve) console.log(`\nImages drawn: ${serve.shareImageDraws.count} for ${1 + (PAPERS - 1) * (1 + 2 * REPEAT) + REPEAT} requests.`);
  await closeDb();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
