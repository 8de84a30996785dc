/**
 * The images link previews show (Open Graph, Twitter cards): 1200×630 PNGs drawn with next/og,
 * in its own font only (lib/share-image-text.ts says why every text goes through drawableText).
 * Satori lays these out: inline styles, and flex on every element with more than one child.
 */
import { ImageResponse } from "next/og";
import type { ReactNode } from "react";
import { formatShortDay, periodTitle, type Period } from "@/lib/dates";
import { authorsLine, clip, countOf, formatCount, type DisplayedPaper } from "@/lib/display";
import { SHARE_IMAGE } from "@/lib/page-metadata";
import { drawableText } from "@/lib/share-image-text";

const BRAND = "#b86e00";
const INK = "#111827";
const MUTED = "#4b5563";

/**
 * next/og marks images uncacheable (`max-age=0`) unless told otherwise; these are redrawn hourly
 * (the routes' ISR), and a preview a day out of date is still right enough to show.
 */
const IMAGE_OPTIONS = { ...SHARE_IMAGE, headers: { "Cache-Control": "public, s-maxage=3600, stale-while-revalidate=86400" } };

/** One line of drawable text at most `max` characters long. */
const line = (text: string | null | undefined, max: number) => clip(drawableText(text ?? ""), max);

function Upvotes({ n, size }: { n: number; size: number }) {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: size / 3, color: BRAND, fontSize: size }}>
      <svg width={size} height={size} viewBox="0 0 24 24">
        <path d="M12 4l9 15H3z" fill={BRAND} />
      </svg>
      {formatCount(n)}
    </div>
  );
}

function Frame({ eyebrow, site, children }: { eyebrow: string; site: string | null; children: ReactNode }) {
  return (
    <div style={{ width: "100%", height: "100%", display: "flex", flexDirection: "column", background: "#ffffff", color: INK, padding: "56px 64px", borderTop: `16px solid #f5a300` }}>
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", fontSize: 28, color: MUTED }}>
        <div style={{ display: "flex", color: BRAND }}>Daily Papers</div>
        <div style={{ display: "flex" }}>{eyebrow}</div>
      </div>
      <div style={{ display: "flex", flexDirection: "column", flexGrow: 1, marginTop: 36 }}>{children}</div>
      {site && <div style={{ display: "flex", fontSize: 24, color: MUTED }}>{site}</div>}
    </div>
  );
}

/** A paper's preview: its title, authors, organization and upvotes. */
export function paperShareImage(paper: DisplayedPaper, { site }: { site: string | null }): ImageResponse {
  const title = line(paper.title, 150) || "A paper";
  const organization = line(paper.organization?.fullname ?? paper.organization?.name, 60);
  const authors = line(authorsLine(paper), 110);
  const titleSize = title.length > 110 ? 50 : title.length > 70 ? 58 : 66;
  return new ImageResponse(
    (
      <Frame eyebrow={paper.listedOn ? formatShortDay(paper.listedOn) : "Paper"} site={site}>
        <div style={{ display: "flex", fontSize: titleSize, lineHeight: 1.15, letterSpacing: -1 }}>{title}</div>
        {authors && <div style={{ display: "flex", marginTop: 28, fontSize: 30, color: MUTED }}>{authors}</div>}
        <div style={{ display: "flex", marginTop: "auto", alignItems: "center", justifyContent: "space-between", marginBottom: 12 }}>
          <div style={{ display: "flex", fontSize: 32 }}>{organization}</div>
          <Upvotes n={paper.upvotes} size={44} />
        </div>
      </Frame>
    ),
    IMAGE_OPTIONS,
  );
}

/** A day's preview: the date, how many papers, and the top titles with their upvotes. */
export function dayShareImage(
  { period, count, top }: { period: Period; count: number; top: Array<Pick<DisplayedPaper, "title" | "upvotes">> },
  { site }: { site: string | null },
): ImageResponse {
  return new ImageResponse(
    (
      <Frame eyebrow={countOf(count, "paper")} site={site}>
        <div style={{ display: "flex", fontSize: 56, letterSpacing: -1 }}>{periodTitle(period)}</div>
        <div style={{ display: "flex", flexDirection: "column", marginTop: 28, gap: 14 }}>
          {top.map((p, i) => (
            <div key={i} style={{ display: "flex", alignItems: "center", gap: 20, fontSize: 30 }}>
              <div style={{ display: "flex", width: 110, justifyContent: "flex-end" }}>
                <Upvotes n={p.upvotes} size={28} />
              </div>
              <div style={{ display: "flex", flex: 1 }}>{line(p.title, 62) || "A paper"}</div>
            </div>
          ))}
        </div>
      </Frame>
    ),
    IMAGE_OPTIONS,
  );
}
