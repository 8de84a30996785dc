"use client";

import { useEffect, useId, useRef, useState } from "react";
import { snippetOf, type Segment } from "@/lib/search/highlight";
import { Highlighted } from "./highlighted";

/** Abstracts shorter than this fit in three lines on most screens: no toggle until measured otherwise. */
const SHORT = 220;

/**
 * The first lines of an abstract, expandable in place. With `segments` (a search result), the
 * collapsed view is the window around the matching words and the expanded one the whole abstract.
 */
export function AbstractPreview({ text, segments }: { text?: string; segments?: Segment[] }) {
  const [expanded, setExpanded] = useState(false);
  const whole = segments ?? [{ text: text ?? "", mark: false }];
  const length = whole.reduce((n, s) => n + s.text.length, 0);
  const window = segments ? snippetOf(segments) : whole;
  // snippetOf hands back the segments themselves when the abstract is short enough to show whole.
  const cut = segments !== undefined && window !== segments;
  const [overflows, setOverflows] = useState(length > SHORT);
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
    <div className="mt-1.5">
      <p id={id} ref={paragraph} className={`text-sm leading-relaxed text-gray-700 dark:text-gray-300 ${expanded ? "" : "line-clamp-3"}`}>
        <Highlighted segments={expanded ? whole : window} />
      </p>
      {(overflows || expanded) && (
        <button
          type="button"
          aria-expanded={expanded}
          aria-controls={id}
          onClick={() => setExpanded((e) => !e)}
          className="-my-2 min-h-11 text-sm font-medium text-brand-700 hover:underline dark:text-brand-500"
        >
          {expanded ? "Show less" : "Show more"}
        </button>
      )}
    </div>
  );
}
