"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type KeyboardEvent } from "react";
import type { Suggestion } from "@/server/search";
import { Highlighted } from "@/components/papers/highlighted";
import { CloseIcon, SearchIcon } from "@/components/layout/icons";
import { useDebounced } from "./use-debounced";
import { useSlashFocus } from "./use-slash-focus";

const DEBOUNCE_MS = 200;
const MIN_LENGTH = 2;

async function fetchSuggestions(q: string): Promise<Suggestion[]> {
  const res = await fetch(`/api/search/suggest?${new URLSearchParams({ q })}`);
  if (!res.ok) return [];
  return (await res.json()) as Suggestion[];
}

/**
 * An ARIA combobox; without JavaScript it is a plain GET form to /papers. On a phone it is folded
 * into an icon until it has focus (the icon is its label, so that works without JavaScript too), and
 * open it covers the header's row: the header stays one row.
 */
export function HeaderSearch({ className = "" }: { className?: string }) {
  const router = useRouter();
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const listId = `${id}-list`;
  const [q, setQ] = useState("");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const debounced = useDebounced(q.trim(), DEBOUNCE_MS);

  const { data: suggestions = [] } = useQuery({
    queryKey: ["suggest", debounced],
    queryFn: () => fetchSuggestions(debounced),
    enabled: debounced.length >= MIN_LENGTH,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const shown = open && q.trim().length >= MIN_LENGTH ? suggestions : [];

  useSlashFocus(input);

  const go = (path: string) => {
    setOpen(false);
    setActive(-1);
    // On a phone the open box covers the header: losing focus folds it away.
    input.current?.blur();
    router.push(path);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (shown.length === 0) return;
      event.preventDefault();
      setOpen(true);
      const n = shown.length;
      setActive((a) => (event.key === "ArrowDown" ? (a + 1) % n : a <= 0 ? n - 1 : a - 1));
    } else if (event.key === "Escape") {
      // The first Escape closes the list and keeps the text (a search field would clear it).
      if (shown.length > 0) event.preventDefault();
      setOpen(false);
      setActive(-1);
    } else if (event.key === "Enter" && active >= 0 && shown[active]) {
      event.preventDefault();
      go(shown[active].path);
    }
  };

  return (
    <div className={`header-search ${className}`}>
      <label htmlFor={id} className="header-search-icon">
        <SearchIcon className="h-5 w-5" />
      </label>
      <form
        action="/papers"
        method="get"
        role="search"
        className="header-search-box"
        onSubmit={(event) => {
          event.preventDefault();
          const text = q.trim();
          if (text) go(`/papers?${new URLSearchParams({ q: text })}`);
        }}
      >
        <label htmlFor={id} className="sr-only">
          Search papers
        </label>
        <input
          ref={input}
          id={id}
          type="search"
          name="q"
          role="combobox"
          aria-autocomplete="list"
          aria-expanded={shown.length > 0}
          aria-controls={listId}
          aria-activedescendant={active >= 0 && shown[active] ? `${listId}-${active}` : undefined}
          value={q}
          onChange={(event) => {
            setQ(event.currentTarget.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setTimeout(() => setOpen(false), 150)}
          onKeyDown={onKeyDown}
          placeholder="Search papers"
          maxLength={250}
          autoComplete="off"
          className="h-11 w-full min-w-0 flex-1 rounded-md border border-gray-300 bg-white pr-8 pl-3 text-base placeholder:text-gray-600 sm:h-9 sm:text-sm dark:border-gray-700 dark:bg-gray-900 dark:placeholder:text-gray-400"
        />
        <kbd
          aria-hidden="true"
          className="pointer-events-none absolute top-1/2 right-2 hidden -translate-y-1/2 rounded border border-gray-300 px-1.5 font-sans text-xs text-gray-600 sm:block dark:border-gray-700 dark:text-gray-400"
        >
          /
        </kbd>
        <button
          type="button"
          aria-label="Close search"
          className="header-search-icon"
          onClick={(event) => {
            event.currentTarget.blur();
            input.current?.blur();
          }}
        >
          <CloseIcon className="h-5 w-5" />
        </button>
        <ul
          id={listId}
          role="listbox"
          aria-label="Matching papers"
          hidden={shown.length === 0}
          className="absolute top-full right-0 left-0 z-30 mt-1 max-h-[70vh] overflow-y-auto rounded-lg border border-gray-200 bg-white p-1 shadow-lg sm:w-[28rem] dark:border-gray-700 dark:bg-gray-900"
        >
          {shown.map((s, i) => (
            <li
              key={s.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === active}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => go(s.path)}
              onMouseEnter={() => setActive(i)}
              className={`cursor-pointer rounded-md px-3 py-2 ${i === active ? "bg-gray-100 dark:bg-gray-800" : ""}`}
            >
              <span className="block text-sm leading-snug font-medium">
                <Highlighted segments={s.title} />
              </span>
              {s.meta && <span className="mt-0.5 block truncate text-xs text-gray-600 dark:text-gray-400">{s.meta}</span>}
            </li>
          ))}
        </ul>
      </form>
    </div>
  );
}
