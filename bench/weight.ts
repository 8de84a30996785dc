/** What pages weigh, HTML and first-load JavaScript (`npm run bench:weight`, bench/README.md); the sample's 29 papers a day fill a week page's 50 cards. */
import { readFileSync } from "node:fs";
import { get } from "node:http";
import path from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { arg } from "./args";
import { startServer } from "./server";

const given = arg("url", "");
const server = given
  ? { base: given.replace(/\/$/, ""), stop: () => {} }
  : await startServer({ secret: "weight-bench-secret-not-for-production" });

/** The response as sent: fetch() would decompress it. */
function getRaw(url: string): Promise<{ status: number; encoding: string | undefined; body: Buffer }> {
  return new Promise((resolve, reject) => {
    get(url, { headers: { "Accept-Encoding": "gzip" } }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, encoding: res.headers["content-encoding"], body: Buffer.concat(chunks) }));
    }).on("error", reject);
  });
}

async function weigh(pathname: string) {
  const res = await getRaw(server.base + pathname);
  const body = res.body;
  const gzipped = res.encoding === "gzip";
  const html = gzipped ? gunzipSync(body) : body;
  const text = html.toString("utf8");
  const scripts = new Set<string>();
  for (const match of text.matchAll(/<script\b([^>]*)>/g)) {
    const attributes = match[1]!;
    const src = /\bsrc="(\/_next\/static\/[^"]+\.js)"/.exec(attributes)?.[1];
    if (src && !/\bnoModule\b/i.test(attributes)) scripts.add(src);
  }
  let js = 0;
  for (const src of scripts)
    js += gzipSync(readFileSync(path.join(".next", decodeURIComponent(src.replace(/^\/_next\//, "")))), { level: 9 }).length;
  return {
    status: res.status,
    cards: text.split("<article").length - 1,
    raw: html.length,
    compressed: gzipped ? body.length : null,
    js,
    scripts: scripts.size,
  };
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
try {
  const [first] = (await (await fetch(`${server.base}/api/daily_papers?limit=1`)).json()) as {
    paper: { id: string; submittedOnDailyAt?: string };
  }[];
  const day = first?.paper.submittedOnDailyAt?.slice(0, 10);
  const pages = [
    "/",
    ...(day ? [`/papers/date/${day}`] : []),
    "/papers/trending",
    "/papers?q=compression",
    ...(first ? [`/papers/${first.paper.id}`] : []),
  ];
  const week = day
    ? (await (await fetch(`${server.base}/papers/date/${day}`)).text()).match(/href="(\/papers\/week\/[^"]+)"/)?.[1]
    : undefined;
  const month = day ? `/papers/month/${day.slice(0, 7)}` : undefined;
  if (week) pages.push(week);
  if (month) pages.push(month);
  console.log(`| page | status | cards | HTML | gzip | first-load JS (gzip) |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
  for (const pathname of pages) {
    const w = await weigh(pathname);
    console.log(
      `| ${pathname} | ${w.status} | ${w.cards} | ${kb(w.raw)} | ${w.compressed === null ? "not compressed" : kb(w.compressed)} | ${kb(w.js)} in ${w.scripts} scripts |`,
    );
  }
} finally {
  server.stop();
}
