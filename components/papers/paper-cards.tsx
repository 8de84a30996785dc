"use client";

import { expandCard, type CompactCardData } from "@/lib/display";
import { PaperCard } from "./paper-card";
import { VoteScope } from "@/components/votes/vote-scope";

/**
 * A ranked list of cards, rendered from their data in the browser as on the server: the page
 * then carries each card's data once beside its HTML, not the whole rendered tree a second time.
 */
export function PaperCards({ cards, label, start = 0 }: { cards: CompactCardData[]; label: string; start?: number }) {
  return (
    <VoteScope ids={cards.map((c) => c.id)}>
      <ol aria-label={label} start={start + 1} className="flex flex-col gap-3">
        {cards.map((card, i) => (
          <li key={card.id}>
            <PaperCard card={expandCard(card)} rank={start + i + 1} />
          </li>
        ))}
      </ol>
    </VoteScope>
  );
}
