/** Link previews via next/og in its own font only (lib/share-image-text.ts); Satori needs flex on every element with several children. */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { ImageResponse } from "next/og";
import type { ReactNode } from "react";
import { formatShortDay, periodTitle, type Period } from "@/lib/dates";
import { approximateCount, authorsLine, clip, countOf, type DisplayedPaper } from "@/lib/display";
import { SHARE_IMAGE } from "@/lib/page-metadata";
import { withoutFeatures } from "@/lib/font-features";
import { drawableText } from "@/lib/share-image-text";

/** Part of every face's hash: change it when the drawing changes, and every stored image is drawn anew. */
const DESIGN = 2;

const BRAND = "#b86e00";
const INK = "#111827";
const MUTED = "#4b5563";

export interface PaperFace {
  kind: "paper";
  eyebrow: string;
  title: string;
  authors: string;
  organization: string;
  upvotes: string;
  site: string | null;
}

export interface DayFace {
  kind: "day";
  eyebrow: string;
  title: string;
  top: Array<{ title: string; upvotes: string }>;
  site: string | null;
}

export type ShareFace = PaperFace | DayFace;

const line = (text: string | null | undefined, max: number) => clip(drawableText(text ?? ""), max);

export function paperFace(paper: DisplayedPaper, { site }: { site: string | null }): PaperFace {
  return {
    kind: "paper",
    eyebrow: paper.listedOn ? formatShortDay(paper.listedOn) : "Paper",
    title: line(paper.title, 150) || "A paper",
    authors: line(authorsLine(paper), 110),
    organization: line(paper.organization?.fullname ?? paper.organization?.name, 60),
    upvotes: approximateCount(paper.upvotes),
    site,
  };
}

export function dayFace(
  { period, count, top }: { period: Period; count: number; top: Array<Pick<DisplayedPaper, "title" | "upvotes">> },
  { site }: { site: string | null },
): DayFace {
  return {
    kind: "day",
    eyebrow: countOf(count, "paper"),
    title: periodTitle(period),
    top: top.map((p) => ({ title: line(p.title, 62) || "A paper", upvotes: approximateCount(p.upvotes) })),
    site,
  };
}

export function faceHash(face: ShareFace): string {
  return createHash("sha256")
    .update(JSON.stringify([DESIGN, face]))
    .digest("base64url")
    .slice(0, 22);
}

function Upvotes({ label, size }: { label: string; size: number }) {
  return (
    <div style={{ display: "flex", alignItems: "center", gap: size / 3, color: BRAND, fontSize: size }}>
      <svg width={size} height={size} viewBox="0 0 24 24">
        <path d="M12 4l9 15H3z" fill={BRAND} />
      </svg>
      {label}
    </div>
  );
}

function Frame({ eyebrow, site, children }: { eyebrow: string; site: string | null; children: ReactNode }) {
  return (
    <div
      style={{
        width: "100%",
        height: "100%",
        display: "flex",
        flexDirection: "column",
        background: "#ffffff",
        color: INK,
        padding: "56px 64px",
        borderTop: `16px solid #f5a300`,
      }}
    >
      <div style={{ display: "flex", justifyContent: "space-between", alignItems: "center", fontSize: 28, color: MUTED }}>
        <div style={{ display: "flex", color: BRAND }}>Daily Papers</div>
        <div style={{ display: "flex" }}>{eyebrow}</div>
      </div>
      <div style={{ display: "flex", flexDirection: "column", flexGrow: 1, marginTop: 36 }}>{children}</div>
      {site && <div style={{ display: "flex", fontSize: 24, color: MUTED }}>{site}</div>}
    </div>
  );
}

function PaperImage({ face }: { face: PaperFace }) {
  const titleSize = face.title.length > 110 ? 50 : face.title.length > 70 ? 58 : 66;
  return (
    <Frame eyebrow={face.eyebrow} site={face.site}>
      <div style={{ display: "flex", fontSize: titleSize, lineHeight: 1.15, letterSpacing: -1 }}>{face.title}</div>
      {face.authors && <div style={{ display: "flex", marginTop: 28, fontSize: 30, color: MUTED }}>{face.authors}</div>}
      <div style={{ display: "flex", marginTop: "auto", alignItems: "center", justifyContent: "space-between", marginBottom: 12 }}>
        <div style={{ display: "flex", fontSize: 32 }}>{face.organization}</div>
        <Upvotes label={face.upvotes} size={44} />
      </div>
    </Frame>
  );
}

function DayImage({ face }: { face: DayFace }) {
  return (
    <Frame eyebrow={face.eyebrow} site={face.site}>
      <div style={{ display: "flex", fontSize: 56, letterSpacing: -1 }}>{face.title}</div>
      <div style={{ display: "flex", flexDirection: "column", marginTop: 28, gap: 14 }}>
        {face.top.map((p, i) => (
          <div key={i} style={{ display: "flex", alignItems: "center", gap: 20, fontSize: 30 }}>
            <div style={{ display: "flex", width: 130, justifyContent: "flex-end" }}>
              <Upvotes label={p.upvotes} size={28} />
            </div>
            <div style={{ display: "flex", flex: 1 }}>{p.title}</div>
          </div>
        ))}
      </div>
    </Frame>
  );
}

// next/og's own font, without kerning and ligatures. Satori places each word where the widths of its
// characters alone end, but draws the word kerned: every kerned word left a wider gap after it.
const FONT_FILE = path.join(process.cwd(), "node_modules", "next", "dist", "compiled", "@vercel", "og", "Geist-Regular.ttf");
let font: ArrayBuffer | undefined;

function shareImageFont(): ArrayBuffer {
  font ??= withoutFeatures(readFileSync(FONT_FILE), { GPOS: ["kern"], GSUB: ["liga"] }).slice().buffer;
  return font;
}

/** Draws a face as PNG bytes: 50–140 ms of CPU (bench/RESULTS.md), so only ever through serve.ts's one slot. */
export async function drawShareImage(face: ShareFace): Promise<Uint8Array> {
  const element = face.kind === "paper" ? <PaperImage face={face} /> : <DayImage face={face} />;
  const fonts = [{ name: "Geist", data: shareImageFont(), weight: 400 as const, style: "normal" as const }];
  return new Uint8Array(await new ImageResponse(element, { ...SHARE_IMAGE, fonts }).arrayBuffer());
}
