import "server-only";
import { z } from "zod";
import { mapDailyPaperItem, type DailyPaper } from "@/lib/ingest/hf-daily-papers";
import { fetchText, UpstreamError, type HttpPolicy } from "./http";

export const PAGE_SIZE = 100;
// Far beyond any real day (a busy one lists ~60 papers); stops a feed that never runs short.
const MAX_PAGES = 50;

const pageSchema = z.array(z.unknown());

export interface DailyPapersDay {
  fetched: number;
  papers: DailyPaper[];
  rejections: string[];
  adjustments: string[];
}

/** Throws UpstreamError when a page cannot be fetched or read: the day cannot be trusted then. */
export async function fetchDailyPapers({
  date,
  baseUrl,
  policy,
}: {
  date: string;
  baseUrl: string;
  policy: HttpPolicy;
}): Promise<DailyPapersDay> {
  const papers = new Map<string, DailyPaper>();
  const rejections: string[] = [];
  const adjustments: string[] = [];

  for (let page = 0; page < MAX_PAGES; page += 1) {
    const url = new URL("/api/daily_papers", baseUrl);
    url.search = new URLSearchParams({ date, limit: String(PAGE_SIZE), p: String(page) }).toString();
    const body = await fetchText(url.href, policy, { Accept: "application/json" });

    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : "unreadable";
      throw new UpstreamError(`Daily Papers ${date} page ${page}: malformed JSON (${reason})`);
    }
    const items = pageSchema.safeParse(json);
    if (!items.success) {
      throw new UpstreamError(`Daily Papers ${date} page ${page}: expected a list of papers, got ${describe(json)}`);
    }

    const before = papers.size;
    let accepted = 0;
    items.data.forEach((raw, index) => {
      const mapped = mapDailyPaperItem(raw, baseUrl);
      if ("rejected" in mapped) {
        rejections.push(`item ${page * PAGE_SIZE + index}: ${mapped.rejected}`);
        return;
      }
      accepted += 1;
      if (papers.has(mapped.id)) return;
      papers.set(mapped.id, mapped);
      for (const note of mapped.adjustments) adjustments.push(`item ${page * PAGE_SIZE + index} (${mapped.id}): ${note}`);
    });

    if (items.data.length < PAGE_SIZE) break;
    // A full page of papers already seen means the feed ignores `p`: asking further would loop.
    if (accepted > 0 && papers.size === before) break;
  }

  return { fetched: papers.size + rejections.length, papers: [...papers.values()], rejections, adjustments };
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  return typeof value === "object" ? "an object" : typeof value;
}
