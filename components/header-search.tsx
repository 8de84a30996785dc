"use client";

import { useEffect, useId, useRef } from "react";

/** Whether a key press is meant for a field the person is typing in. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The search box in every page's header: a plain GET form to /papers; `/` focuses it. */
export function HeaderSearch() {
  const input = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
      event.preventDefault();
      input.current?.focus();
      input.current?.select();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  return (
    <form action="/papers" method="get" role="search" className="relative min-w-0 flex-1 sm:max-w-xs">
      <label htmlFor={id} className="sr-only">
        Search papers
      </label>
      <input
        ref={input}
        id={id}
        type="search"
        name="q"
        placeholder="Search papers"
        maxLength={250}
        autoComplete="off"
        className="w-full rounded-md border border-gray-300 bg-white py-1.5 pr-8 pl-3 text-sm placeholder:text-gray-600 dark:border-gray-700 dark:bg-gray-900 dark:placeholder:text-gray-400"
      />
      <kbd
        aria-hidden="true"
        className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-gray-300 px-1.5 font-sans text-xs text-gray-600 dark:border-gray-700 dark:text-gray-400"
      >
        /
      </kbd>
    </form>
  );
}
