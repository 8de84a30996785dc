import Link from "next/link";
import { pagePath } from "@/lib/page-metadata";

const stepClass =
  "inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800";

export function Pager({
  path,
  page,
  hasMore,
  label,
  steps = { previous: "Newer papers", next: "Older papers" },
}: {
  path: string;
  page: number;
  hasMore: boolean;
  label: string;
  steps?: { previous: string; next: string };
}) {
  if (page === 0 && !hasMore) return null;
  return (
    <nav aria-label={label} className="mt-6 flex items-center justify-between">
      {page > 0 ? (
        <Link href={pagePath(path, page - 1)} rel="prev" className={stepClass}>
          ← {steps.previous}
        </Link>
      ) : (
        <span />
      )}
      {hasMore && (
        <Link href={pagePath(path, page + 1)} rel="next" className={stepClass}>
          {steps.next} →
        </Link>
      )}
    </nav>
  );
}
