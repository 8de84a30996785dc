import { createHash } from "node:crypto";

/** New-style (`2501.01234`) and old-style (`cs/0112017`) arXiv ids, without version. */
const ARXIV_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7})$/;

export function isArxivId(id: string): boolean {
  return ARXIV_ID.test(id);
}

/** A stable id for a paper with no arXiv id, derived from its title. */
export function localPaperId(title: string): string {
  const normalized = title.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim();
  return `local-${createHash("sha256").update(normalized).digest("hex").slice(0, 12)}`;
}

/** What a paper id in a URL may look like: arXiv ids and local ids, nothing else. */
export const PAPER_ID = /^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?\/\d{7}|local-[0-9a-f]{12})$/;
