"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState } from "react";
import { abstractText } from "@/lib/abstract";
import { snippetOf, type Segment } from "@/lib/search/highlight";
import { Highlighted } from "./highlighted";

/** Abstracts shorter than this fit in three lines on most screens: no toggle until measured otherwise. */
const SHORT = 220;

async function fetchAbstract(paperId: string): Promise<string> {
  const res = await fetch(`/api/papers/${encodeURIComponent(paperId)}`);
  if (!res.ok) throw new Error(`paper: ${res.status}`);
  return abstractText(((await res.json()) as { summary: string }).summary);
}

/** Mounted only once opened: an idle query observer on each of a list's 50 cards cost about 5% of a day page's server render. */
function WholeAbstract({ paperId, start }: { paperId: string; start: string }) {
  const { data } = useQuery({ queryKey: ["abstract", paperId], queryFn: () => fetchAbstract(paperId), staleTime: Infinity });
  return <Highlighted segments={[{ text: data ?? start, mark: false }]} />;
}

/** With `segments` the collapsed view is the window around the matches; with `cut`, `text` is only the start and expanding fetches the rest. */
export function AbstractPreview({
  text,
  segments,
  cut: textCut = false,
  paperId,
}: {
  text?: string;
  segments?: Segment[];
  cut?: boolean;
  paperId?: string;
}) {
  const [expanded, setExpanded] = useState(false);
  const whole = segments ?? [{ text: text || "", mark: false }];
  const length = whole.reduce((n, s) => n + s.text.length, 0);
  const window = segments ? snippetOf(segments) : whole;
  // snippetOf hands back the segments themselves when the abstract is short enough to show whole.
  const cut = (segments !== undefined && window !== segments) || textCut;
  const [overflows, setOverflows] = useState(length > SHORT || textCut);
  const paragraph = useRef<HTMLParagraphElement>(null);
  const id = useId();

  useEffect(() => {
    const p = paragraph.current;
    if (!p || expanded) return;
    const measure = () => setOverflows(cut || p.scrollHeight > p.clientHeight + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(p);
    return () => observer.disconnect();
  }, [expanded, cut]);

  if (length === 0) return null;
  return (
    <>
      <p id={id} ref={paragraph} className="card-abstract" data-open={expanded || undefined}>
        {expanded && textCut && paperId !== undefined ? (
          <WholeAbstract paperId={paperId} start={text ?? ""} />
        ) : (
          <Highlighted segments={expanded ? whole : window} />
        )}
      </p>
      {(overflows || expanded) && (
        <button type="button" aria-expanded={expanded} aria-controls={id} onClick={() => setExpanded((e) => !e)} className="card-toggle">
          {expanded ? "Show less" : "Show more"}
        </button>
      )}
    </>
  );
}
