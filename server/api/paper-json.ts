import "server-only";
import type { PaperWithOrg } from "@/db/queries/papers";
import { dayToIso } from "@/lib/dates";

/** Copies only the fields that have a value: what the store lacks is omitted, never invented. */
function defined<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null && v !== undefined)) as Partial<T>;
}

function toApiSubmitter(p: PaperWithOrg) {
  return p.submittedByName
    ? { name: p.submittedByName, ...defined({ fullname: p.submittedByFullname, avatarUrl: p.submittedByAvatar }) }
    : null;
}

/**
 * When the paper was put on the daily list: the upstream's exact time where it gave one, else the
 * start of the listing day. The public API names it `publishedAt` on an item and
 * `submittedOnDailyAt` in its paper; the paper's own `publishedAt` is its publication day.
 */
function listedAt(p: PaperWithOrg): string | null {
  if (p.submittedOnDailyAt) return p.submittedOnDailyAt.toISOString();
  return p.listedOn ? dayToIso(p.listedOn) : null;
}

function toApiOrganization(org: NonNullable<PaperWithOrg["organization"]>) {
  return { name: org.name, ...defined({ fullname: org.fullname, avatar: org.avatar }) };
}

export function toApiPaper(p: PaperWithOrg) {
  return {
    id: p.id,
    title: p.title,
    summary: p.abstract,
    authors: p.authors.map((name) => ({ name })),
    upvotes: p.upvotes,
    ...defined({
      publishedAt: p.publishedAt ? dayToIso(p.publishedAt) : null,
      submittedOnDailyAt: listedAt(p),
      numAuthors: p.authorCount,
      githubRepo: p.githubRepo,
      githubStars: p.githubStars,
      projectPage: p.projectPage,
      ai_summary: p.aiSummary,
      ai_keywords: p.aiKeywords,
      submittedOnDailyBy: toApiSubmitter(p),
      organization: p.organization ? toApiOrganization(p.organization) : null,
    }),
  };
}

export function toDailyPaperItem(p: PaperWithOrg) {
  return {
    paper: toApiPaper(p),
    title: p.title,
    summary: p.abstract,
    ...defined({
      publishedAt: listedAt(p),
      numComments: p.numComments,
      thumbnail: p.thumbnail,
      submittedBy: toApiSubmitter(p),
      organization: p.organization ? toApiOrganization(p.organization) : null,
    }),
  };
}
