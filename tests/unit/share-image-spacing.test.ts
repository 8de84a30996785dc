import { describe, expect, it } from "vitest";
import { drawShareImage, paperFace } from "@/server/share-images/draw";
import { displayedPaper } from "../helpers/displayed-paper";
import { decodePng } from "../helpers/png";

const paper = (title: string) => displayedPaper({ id: "2604.00001", title, listedOn: "2026-04-01", upvotes: 12 });

/** The blank runs between the title's words: only the title is drawn in near-black ink, on one line. */
async function wordGaps(title: string): Promise<number[]> {
  const { width, height, data } = decodePng(await drawShareImage(paperFace(paper(title), { site: null })));
  const inked = Array.from({ length: width }, (_, x) => {
    for (let y = 0; y < height; y++) {
      const i = (y * width + x) * 4;
      if (Math.max(data[i]!, data[i + 1]!, data[i + 2]!) < 80) return true;
    }
    return false;
  });
  const gaps: number[] = [];
  let run = 0;
  let started = false;
  for (const ink of inked) {
    if (ink) {
      if (started && run > 0) gaps.push(run);
      started = true;
      run = 0;
    } else run += 1;
  }
  // Inside a word at this size letters stand a few pixels apart; a word space is over 15.
  return gaps.filter((g) => g > 15);
}

describe("share image titles", () => {
  it("space their words evenly, whatever the kerning inside the words", async () => {
    // "AV" pairs are kerned tight, "ii" not at all: the two words end with different kerning.
    const gaps = await wordGaps("AVAVAV ii AVAVAV ii");
    expect(gaps).toHaveLength(3);
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(4);
  });
});
