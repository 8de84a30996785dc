/** arXiv asks for one request at a time with a pause between, so this client serializes requests and waits `pauseMs`. */
import "server-only";
import { parseArxivFeed, type ArxivEntry } from "@/lib/ingest/arxiv";
import { isArxivId } from "@/lib/paper-id";
import { fetchText, type HttpPolicy } from "./http";

export interface ArxivResult {
  entries: Map<string, ArxivEntry>;
  error?: string;
}

export class ArxivClient {
  private queue: Promise<unknown> = Promise.resolve();
  private lastRequestAt = 0;

  constructor(private readonly options: { baseUrl: string; policy: HttpPolicy; pauseMs: number; batchSize: number }) {}

  fetchEntries(ids: string[]): Promise<ArxivResult> {
    const run = this.queue.then(() => this.fetchSerially(ids.filter(isArxivId)));
    this.queue = run.catch(() => {});
    return run;
  }

  private async fetchSerially(ids: string[]): Promise<ArxivResult> {
    const entries = new Map<string, ArxivEntry>();
    const wanted = new Set(ids);
    const { baseUrl, policy, pauseMs, batchSize } = this.options;
    for (let start = 0; start < ids.length; start += batchSize) {
      const batch = ids.slice(start, start + batchSize);
      const wait = this.lastRequestAt + pauseMs - Date.now();
      if (this.lastRequestAt > 0 && wait > 0) await policy.sleep(wait);
      const url = new URL(baseUrl);
      url.searchParams.set("id_list", batch.join(","));
      url.searchParams.set("max_results", String(batch.length));
      try {
        const xml = await fetchText(url.href, policy, { Accept: "application/atom+xml" });
        for (const entry of parseArxivFeed(xml)) if (wanted.has(entry.id)) entries.set(entry.id, entry);
      } catch (error) {
        return { entries, error: error instanceof Error ? error.message : String(error) };
      } finally {
        this.lastRequestAt = Date.now();
      }
    }
    return { entries };
  }
}
