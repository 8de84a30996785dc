"use client";

import { expandCard, type CompactCardData } from "@/lib/display";
import { PaperCard } from "./paper-card";
import { VoteScope } from "@/components/votes/vote-scope";

/** Rendered from their data in the browser as on the server, so the page carries each card's data once, not the rendered tree twice. */
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
