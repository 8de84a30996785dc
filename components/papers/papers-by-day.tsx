import type { ReactNode } from "react";
import type { PaperWithOrg } from "@/db/queries/papers";
import { formatShortDay } from "@/lib/dates";
import { cardData } from "@/lib/display";
import { VoteScope } from "@/components/votes/vote-scope";
import { PaperCard } from "./paper-card";

export function PapersByDay({ papers, label, note }: { papers: PaperWithOrg[]; label: string; note?: (paper: PaperWithOrg) => ReactNode }) {
  const days: { day: string | null; papers: PaperWithOrg[] }[] = [];
  for (const paper of papers) {
    const last = days.at(-1);
    if (last && last.day === paper.listedOn) last.papers.push(paper);
    else days.push({ day: paper.listedOn, papers: [paper] });
  }
  return (
    <VoteScope ids={papers.map((p) => p.id)}>
      <div aria-label={label} role="region" className="flex flex-col gap-6">
        {days.map(({ day, papers: ofDay }) => (
          <section key={day ?? "none"} aria-label={day ? `Listed ${formatShortDay(day)}` : "Not listed"}>
            <h2 className="mb-2 text-sm font-semibold text-gray-700 dark:text-gray-300">
              {day ? <time dateTime={day}>{formatShortDay(day)}</time> : "Not listed"}
            </h2>
            <ul className="flex flex-col gap-3">
              {ofDay.map((paper) => (
                <li key={paper.id}>
                  <PaperCard card={cardData(paper)} note={note?.(paper)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </div>
    </VoteScope>
  );
}
