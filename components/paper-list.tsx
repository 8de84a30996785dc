import type { PaperWithOrg } from "@/db/queries/papers";
import { cardData } from "@/lib/display";
import { PaperCard } from "./paper-card";
import { VoteScope } from "./vote-scope";

/** A ranked list of paper cards whose upvote buttons share one request for my votes. */
export function PaperList({ papers, label }: { papers: PaperWithOrg[]; label: string }) {
  return (
    <VoteScope ids={papers.map((p) => p.id)}>
      <ol aria-label={label} className="flex flex-col gap-3">
        {papers.map((paper, i) => (
          <li key={paper.id}>
            <PaperCard card={cardData(paper)} rank={i + 1} />
          </li>
        ))}
      </ol>
    </VoteScope>
  );
}
