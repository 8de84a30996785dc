import { formatShortDay } from "@/lib/dates";
import { isArxivId } from "@/lib/paper-id";

interface AuthorFields {
  authors: string[];
  authorCount: number | null;
}

/** "Ada Lovelace, Alan Turing, Grace Hopper et al." or "6 authors" when names are unknown. */
export function authorsLine({ authors, authorCount }: AuthorFields, shown = 3): string | null {
  if (authors.length > 0) {
    const names = authors.slice(0, shown).join(", ");
    return authors.length > shown ? `${names} et al.` : names;
  }
  if (authorCount) return authorCount === 1 ? "1 author" : `${authorCount} authors`;
  return null;
}

export function arxivLinks(id: string): { abs: string; pdf: string } | null {
  return isArxivId(id) ? { abs: `https://arxiv.org/abs/${id}`, pdf: `https://arxiv.org/pdf/${id}` } : null;
}

export function githubRepoName(url: string): string {
  return url.replace(/^https?:\/\/(www\.)?github\.com\//, "").replace(/\/$/, "");
}

const compact = new Intl.NumberFormat("en-US", { notation: "compact", maximumFractionDigits: 1 });

export function formatCount(n: number): string {
  return n < 1000 ? String(n) : compact.format(n);
}

export function publishedLabel(publishedAt: string | null): string | null {
  return publishedAt ? `Published ${formatShortDay(publishedAt)}` : null;
}
