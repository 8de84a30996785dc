import type { Segment } from "@/lib/search/highlight";

/** Text with the matching words in <mark>; every segment is rendered as text, never as HTML. */
export function Highlighted({ segments }: { segments: Segment[] }) {
  return segments.map((s, i) =>
    s.mark ? (
      <mark key={i} className="rounded-sm bg-brand-100 px-0.5 text-inherit dark:bg-brand-500/25">
        {s.text}
      </mark>
    ) : (
      s.text
    ),
  );
}
