"use client";

import { useRouter } from "next/navigation";
import { useId } from "react";

/** Without JavaScript the form submits to /papers/date?date=…, which redirects. */
export function DatePicker({ value, max }: { value: string; max?: string }) {
  const router = useRouter();
  const id = useId();
  return (
    <form action="/papers/date" method="get" className="flex items-center gap-2">
      <label htmlFor={id} className="sr-only">
        Jump to date
      </label>
      <input
        id={id}
        type="date"
        name="date"
        defaultValue={value}
        max={max}
        required
        onChange={(event) => {
          const day = event.currentTarget.value;
          if (/^\d{4}-\d{2}-\d{2}$/.test(day)) router.push(`/papers/date/${day}`);
        }}
        className="h-11 rounded-md border border-gray-300 bg-white px-2 text-sm dark:border-gray-700 dark:bg-gray-900"
      />
      <noscript>
        <button type="submit" className="h-11 rounded-md border border-gray-300 px-3 text-sm dark:border-gray-700">
          Go
        </button>
      </noscript>
    </form>
  );
}
