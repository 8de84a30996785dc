import { formatCount } from "@/lib/paper-display";
import { TriangleUpIcon } from "./icons";

export function UpvoteCount({ upvotes, size = "md" }: { upvotes: number; size?: "md" | "lg" }) {
  return (
    <div
      className={`flex shrink-0 flex-col items-center justify-center rounded-lg border border-gray-200 bg-gray-50 font-semibold text-gray-800 dark:border-gray-700 dark:bg-gray-900 dark:text-gray-100 ${
        size === "lg" ? "h-16 w-16 text-lg" : "h-14 w-12 text-sm"
      }`}
    >
      <TriangleUpIcon className="h-3.5 w-3.5 text-gray-600 dark:text-gray-400" />
      <span aria-hidden="true">{formatCount(upvotes)}</span>
      <span className="sr-only">{upvotes === 1 ? "1 upvote" : `${upvotes} upvotes`}</span>
    </div>
  );
}
