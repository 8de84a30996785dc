import type { PaperWithOrg } from "@/db/queries/papers";
import { cardData, compactCard } from "@/lib/display";
import { PaperCards } from "./paper-cards";

/** A ranked list of paper cards whose upvote buttons share one request for my votes. */
export function PaperList({ papers, label, start = 0 }: { papers: PaperWithOrg[]; label: string; start?: number }) {
  return <PaperCards cards={papers.map((p) => compactCard(cardData(p)))} label={label} start={start} />;
}
