/**
 * A plan is made once per period (the top papers, each distinct topic's new matches computed once however many follow it);
 * each subscriber's digest is cut from it, holding no paper they were sent before and none twice.
 */
import "server-only";
import { createElement } from "react";
import type { Db } from "@/db";
import { getListedPapers, getPapersByIds, type PaperWithOrg } from "@/db/queries/papers";
import { findPaperIds } from "@/server/search/plan";
import type { Subscription } from "@/db/schema";
import { abstractText, cutAbstract } from "@/lib/abstract";
import { periodPath, periodTitle } from "@/lib/dates";
import type { DigestPeriod } from "@/lib/digest";
import { authorsLine } from "@/lib/display";
import { topicKey, topicLabel, topicPath, topicQuery, type FollowKind } from "@/lib/follows";
import { paperUrl, siteUrl } from "@/lib/site-url";
import { renderEmail } from "@/server/email/render";
import { DigestEmail, type DigestItem, type DigestSection } from "@/server/email/templates/digest-email";

export const TOP_PAPERS = 10;
export const TOPIC_PAPERS = 5;
const READ_AHEAD = 3;
const ABSTRACT_CHARS = 240;

type TopicRef = { kind: FollowKind; value: string };

export interface DigestPlan {
  period: DigestPeriod;
  top: string[];
  topics: Map<string, string[]>;
  papers: Map<string, PaperWithOrg>;
  organizationNames: Map<string, string>;
}

export async function planDigest(db: Db, { period, topics }: { period: DigestPeriod; topics: TopicRef[] }): Promise<DigestPlan> {
  const { start, end } = period.period;
  const top = await getListedPapers(db, { start, end, sort: "trending", limit: TOP_PAPERS * READ_AHEAD });
  const matches = new Map<string, string[]>();
  for (const topic of topics) {
    const { query, filters } = topicQuery(topic);
    const ids = await findPaperIds(db, {
      query,
      filters: { ...filters, listedFrom: start, listedTo: end },
      order: "upvotes",
      window: { offset: 0, limit: TOPIC_PAPERS * READ_AHEAD },
    });
    matches.set(topicKey(topic), ids);
  }
  const papers = new Map(top.map((p) => [p.id, p]));
  const missing = [...new Set([...matches.values()].flat())].filter((id) => !papers.has(id));
  for (const p of await getPapersByIds(db, { ids: missing })) papers.set(p.id, p);
  const organizationNames = new Map<string, string>();
  for (const p of papers.values())
    if (p.organization) organizationNames.set(p.organization.name, p.organization.fullname ?? p.organization.name);
  return { period, top: top.map((p) => p.id), topics: matches, papers, organizationNames };
}

export interface ComposedDigest {
  top: { paper: PaperWithOrg; topics: TopicRef[] }[];
  sections: { topic: TopicRef; papers: PaperWithOrg[] }[];
  paperIds: string[];
}

export function composeDigest(
  plan: DigestPlan,
  { follows, sent }: { follows: TopicRef[]; sent: ReadonlySet<string> },
): ComposedDigest | null {
  const matchesOf = (id: string) => follows.filter((f) => plan.topics.get(topicKey(f))?.includes(id));
  const top = plan.top
    .filter((id) => !sent.has(id))
    .slice(0, TOP_PAPERS)
    .map((id) => ({ paper: plan.papers.get(id)!, topics: matchesOf(id) }));
  const shown = new Set(top.map((t) => t.paper.id));
  const sections: ComposedDigest["sections"] = [];
  for (const topic of follows) {
    const fresh = (plan.topics.get(topicKey(topic)) ?? []).filter((id) => !sent.has(id) && !shown.has(id)).slice(0, TOPIC_PAPERS);
    for (const id of fresh) shown.add(id);
    if (fresh.length > 0) sections.push({ topic, papers: fresh.map((id) => plan.papers.get(id)!) });
  }
  if (shown.size === 0) return null;
  return { top, sections, paperIds: [...shown] };
}

function item(paper: PaperWithOrg, note?: string): DigestItem {
  const byline = [paper.organization?.fullname ?? paper.organization?.name, authorsLine(paper)].filter(Boolean).join(" · ");
  return {
    id: paper.id,
    title: paper.title,
    url: paperUrl(paper.id),
    byline: byline || null,
    upvotes: paper.upvotes,
    abstract: cutAbstract(abstractText(paper.abstract), ABSTRACT_CHARS),
    note: note ?? null,
  };
}

export interface RenderedDigest {
  subject: string;
  html: string;
  text: string;
}

export async function renderDigest(
  plan: DigestPlan,
  digest: ComposedDigest,
  { frequency, unsubscribeUrl }: { frequency: Subscription["frequency"]; unsubscribeUrl: string },
): Promise<RenderedDigest> {
  const { period } = plan;
  const label = (t: TopicRef) => topicLabel(t, t.kind === "organization" ? plan.organizationNames.get(t.value) : null);
  const title = periodTitle(period.period);
  const top: DigestSection | null =
    digest.top.length > 0
      ? {
          heading: period.frequency === "daily" ? "Top papers of the day" : "Top papers of the week",
          url: siteUrl(periodPath(period.period)),
          items: digest.top.map(({ paper, topics }) => item(paper, topics.length ? `Matches ${topics.map(label).join(", ")}` : undefined)),
        }
      : null;
  const topics: DigestSection[] = digest.sections.map(({ topic, papers }) => ({
    heading: `New for ${label(topic)}`,
    url: siteUrl(topicPath(topic)),
    items: papers.map((p) => item(p)),
  }));
  const lead = digest.top[0]?.paper ?? digest.sections[0]?.papers[0];
  const count = digest.paperIds.length;
  const subject = `${frequency === "daily" ? "Daily" : "Weekly"} Papers, ${title}: ${lead ? lead.title : ""}${count > 1 ? ` and ${count - 1} more` : ""}`;
  const { html, text } = await renderEmail(
    createElement(DigestEmail, {
      heading: title,
      preview: lead ? `${lead.title}${count > 1 ? ` and ${count - 1} more papers` : ""}` : "",
      top,
      topics,
      siteUrl: siteUrl("/"),
      settingsUrl: siteUrl("/settings/email"),
      unsubscribeUrl,
    }),
  );
  return { subject: subject.length > 200 ? `${subject.slice(0, 197)}…` : subject, html, text };
}

export function digestKey(digest: ComposedDigest): string {
  return JSON.stringify([
    digest.top.map((t) => [t.paper.id, t.topics.map(topicKey)]),
    digest.sections.map((s) => [topicKey(s.topic), s.papers.map((p) => p.id)]),
  ]);
}

/** Stands in for the unsubscribe link while a shared digest renders; nothing else in a message looks like it. */
const UNSUBSCRIBE_PLACEHOLDER = "https://unsubscribe.invalid/digest-placeholder";
const RENDERED_KEPT = 1000;

// React rendering is most of a run's work and many subscribers share a digest, so each distinct content renders once; a
// message differs from the shared rendering only by its unsubscribe link.
export function digestRenderer(plan: DigestPlan, frequency: Subscription["frequency"]) {
  const rendered = new Map<string, Promise<RenderedDigest>>();
  let distinct = 0;
  return {
    async render(digest: ComposedDigest, unsubscribeUrl: string): Promise<RenderedDigest> {
      const key = digestKey(digest);
      let shared = rendered.get(key);
      if (!shared) {
        shared = renderDigest(plan, digest, { frequency, unsubscribeUrl: UNSUBSCRIBE_PLACEHOLDER });
        distinct += 1;
        rendered.set(key, shared);
        shared.catch(() => rendered.delete(key));
        if (rendered.size > RENDERED_KEPT) rendered.delete(rendered.keys().next().value!);
      }
      const { subject, html, text } = await shared;
      return {
        subject,
        html: html.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribeUrl),
        text: text.replaceAll(UNSUBSCRIBE_PLACEHOLDER, unsubscribeUrl),
      };
    },
    get distinct() {
      return distinct;
    },
  };
}
