/**
 * A local HTTP server that speaks the Daily Papers JSON and arXiv Atom formats from fixtures,
 * with scripted faults (status codes, delays, bodies) per day.
 */
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const fixtures = path.resolve(__dirname, "../fixtures/ingest");

export function fixtureText(name: string): string {
  return readFileSync(path.join(fixtures, name), "utf8");
}

export function fixtureJson<T = unknown[]>(name: string): T {
  return JSON.parse(fixtureText(name)) as T;
}

/** One scripted answer; what is not given comes from the day's items (or the arXiv fixture). */
export interface Step {
  status?: number;
  headers?: Record<string, string>;
  body?: string;
  delayMs?: number;
}

export interface DayScript {
  /** Served in pages of `limit`, as the real feed does. */
  items: unknown[];
  /** Consumed one per request before the items are served. */
  steps?: Step[];
  /** Added to every request of this day. */
  delayMs?: number;
}

export interface RecordedRequest {
  path: string;
  params: URLSearchParams;
  at: number;
}

export class FakeUpstream {
  readonly days = new Map<string, DayScript>();
  readonly arxivSteps: Step[] = [];
  readonly requests: RecordedRequest[] = [];
  arxivInFlight = 0;
  arxivMaxInFlight = 0;
  private server: Server | null = null;
  private arxivFeed = fixtureText("arxiv-feed.xml");
  url = "";

  get hfUrl(): string {
    return this.url;
  }

  get arxivUrl(): string {
    return `${this.url}/api/query`;
  }

  hfRequests(date?: string): RecordedRequest[] {
    return this.requests.filter((r) => r.path === "/api/daily_papers" && (!date || r.params.get("date") === date));
  }

  arxivRequests(): RecordedRequest[] {
    return this.requests.filter((r) => r.path === "/api/query");
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.statusCode = 599;
        res.end(String(error));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  reset(): void {
    this.days.clear();
    this.arxivSteps.length = 0;
    this.requests.length = 0;
    this.arxivMaxInFlight = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", this.url);
    this.requests.push({ path: url.pathname, params: url.searchParams, at: Date.now() });
    if (url.pathname === "/api/daily_papers") return this.dailyPapers(url.searchParams, res);
    if (url.pathname === "/api/query") {
      this.arxivInFlight += 1;
      this.arxivMaxInFlight = Math.max(this.arxivMaxInFlight, this.arxivInFlight);
      try {
        await this.arxiv(url.searchParams, res);
      } finally {
        this.arxivInFlight -= 1;
      }
      return;
    }
    res.statusCode = 404;
    res.end("not found");
  }

  private async dailyPapers(params: URLSearchParams, res: ServerResponse): Promise<void> {
    const script = this.days.get(params.get("date") ?? "") ?? { items: [] };
    if (script.delayMs) await pause(script.delayMs);
    const step = script.steps?.shift();
    if (step && (await this.answer(step, res))) return;
    const limit = Number(params.get("limit") ?? 50);
    const page = Number(params.get("p") ?? 0);
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(script.items.slice(page * limit, (page + 1) * limit)));
  }

  private async arxiv(params: URLSearchParams, res: ServerResponse): Promise<void> {
    const step = this.arxivSteps.shift();
    if (step && (await this.answer(step, res))) return;
    const wanted = new Set((params.get("id_list") ?? "").split(","));
    const entries = this.arxivFeed.match(/<entry>[\s\S]*?<\/entry>/g) ?? [];
    const head = this.arxivFeed.slice(0, this.arxivFeed.indexOf("<entry>"));
    const kept = entries.filter((entry) => {
      const id = /<id>http:\/\/arxiv\.org\/abs\/(.+?)(v\d+)?<\/id>/.exec(entry)?.[1];
      return id !== undefined && wanted.has(id);
    });
    res.setHeader("Content-Type", "application/atom+xml; charset=utf-8");
    res.end(`${head}${kept.join("\n")}\n</feed>\n`);
  }

  /** Plays a step; false when the step only delays and the normal answer should follow. */
  private async answer(step: Step, res: ServerResponse): Promise<boolean> {
    if (step.delayMs) await pause(step.delayMs);
    if (step.status === undefined && step.body === undefined) return false;
    if (res.destroyed) return true;
    res.writeHead(step.status ?? 200, step.headers ?? {});
    res.end(step.body ?? "");
    return true;
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** `n` distinct, valid feed items shaped like the normal fixture's first item. */
export function generatedItems(n: number, { idBase = 20000 } = {}): unknown[] {
  const [template] = fixtureJson<Array<{ paper: Record<string, unknown> }>>("daily-papers-normal.json");
  return Array.from({ length: n }, (_, i) => ({
    ...template,
    paper: { ...template!.paper, id: `2601.${idBase + i}`, title: `Generated paper ${i}`, upvotes: i },
  }));
}
