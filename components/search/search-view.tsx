"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { formatNumber } from "@/lib/display";
import type { SearchParams } from "@/lib/search/params";
import { searchQueryString, searchSorts, type SearchSort } from "@/lib/search/query-string";
import { MAX_QUERY_LENGTH, queryRefusal } from "@/lib/search/syntax";
import type { SearchPageData } from "@/server/search";
import { FollowButton } from "@/components/follows/follow-button";
import { Alert } from "@/components/layout/alert";
import { PaperCard } from "@/components/papers/paper-card";
import { VoteScope } from "@/components/votes/vote-scope";
import { CorrectionNotice, EmptyHelpNotice, partialHeading, searchStatus } from "./search-notices";
import { useDebounced } from "./use-debounced";
import { useSlashFocus } from "./use-slash-focus";

const SORT_LABELS: Record<SearchSort, string> = { relevance: "Relevance", newest: "Newest", upvotes: "Most upvoted" };
const DEBOUNCE_MS = 250;

async function fetchPage(query: string): Promise<SearchPageData> {
  const res = await fetch(`/api/search?${query}`);
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new Error(body?.error?.message ?? "Search failed; please try again.");
  return body as SearchPageData;
}

const field = "h-11 rounded-md border border-gray-300 bg-white px-2 text-sm dark:border-gray-700 dark:bg-gray-900";

function Field({ label, children }: { label: string; children: (id: string) => ReactNode }) {
  const id = useId();
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-gray-700 dark:text-gray-300">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/** Server-rendered as a plain GET form, so it works without JavaScript; in the browser the address bar follows the search, so every search can be linked. */
export function SearchView({
  initialParams,
  initialPage,
  organizations,
  categories,
}: {
  initialParams: SearchParams;
  /** None for a query over the limits, which is not searched. */
  initialPage?: SearchPageData;
  organizations: { name: string; fullname: string | null }[];
  /** Only values papers have; a value in the address that is not among them is still shown, so it can be seen and cleared. */
  categories: string[];
}) {
  const [params, setParams] = useState(initialParams);
  const debouncedQ = useDebounced(params.q, DEBOUNCE_MS);
  // Typing waits for a pause; filters and pages apply at once.
  const effective = { ...params, q: debouncedQ };
  const query = searchQueryString(effective);
  const [initialQuery] = useState(() => searchQueryString(initialParams));
  const resultsRef = useRef<HTMLElement>(null);
  const box = useRef<HTMLInputElement>(null);
  useSlashFocus(box);
  const ids = useId();

  const refusal = queryRefusal(effective.q);
  const enabled = !refusal && Boolean(effective.q.trim() || effective.from || effective.to || effective.org || effective.category);
  const { data, isFetching, error } = useQuery({
    queryKey: ["search", query],
    queryFn: () => fetchPage(query),
    placeholderData: keepPreviousData,
    initialData: query === initialQuery ? initialPage : undefined,
    enabled,
  });

  useEffect(() => {
    const target = `/papers${query ? `?${query}` : ""}`;
    // Native history keeps Next's router in step without re-rendering the page on the server.
    if (window.location.pathname + window.location.search !== target) window.history.replaceState(null, "", target);
  }, [query]);

  const set = (patch: Partial<SearchParams>) => setParams((old) => ({ ...old, p: 0, ...patch }));
  const organizationLabel = (name: string) => organizations.find((o) => o.name === name)?.fullname ?? name;
  const organizationOptions =
    params.org && !organizations.some((o) => o.name === params.org)
      ? [...organizations, { name: params.org, fullname: null }]
      : organizations;
  const categoryOptions = params.category && !categories.includes(params.category) ? [...categories, params.category] : categories;
  const goToPage = (event: MouseEvent, p: number) => {
    event.preventDefault();
    setParams((old) => ({ ...old, p }));
    resultsRef.current?.scrollIntoView({ block: "start" });
  };

  const page: SearchPageData = (enabled && data) || {
    hits: [],
    hasMore: false,
    correctedQuery: null,
    suggestedQuery: null,
    help: null,
    total: null,
    lastPage: null,
    bounded: null,
    whole: null,
  };
  const firstPartial = page.hits.findIndex((hit) => hit.match === "partial");
  const heading = firstPartial >= 0 ? partialHeading(page.whole, firstPartial) : null;
  const hasQuery = Boolean(effective.q.trim());
  const status = searchStatus(page, effective, { enabled, error });

  return (
    <>
      <form
        action="/papers"
        method="get"
        role="search"
        aria-label="Search papers"
        data-search-page
        onSubmit={(event) => event.preventDefault()}
        className="flex flex-col gap-3"
      >
        <div className="flex gap-2">
          <label htmlFor={`${ids}-q`} className="sr-only">
            Search terms
          </label>
          <input
            ref={box}
            id={`${ids}-q`}
            type="search"
            name="q"
            value={params.q}
            onChange={(event) => set({ q: event.currentTarget.value, exact: false })}
            maxLength={MAX_QUERY_LENGTH}
            autoComplete="off"
            placeholder='Title, author, method… "exact phrase", OR, -exclude'
            className="h-11 min-w-0 flex-1 rounded-lg border border-gray-300 bg-white px-3 text-base placeholder:text-gray-600 dark:border-gray-700 dark:bg-gray-900 dark:placeholder:text-gray-400"
          />
          <button
            type="submit"
            className="h-11 rounded-lg bg-gray-900 px-4 text-sm font-medium text-white hover:bg-gray-700 dark:bg-gray-100 dark:text-gray-900 dark:hover:bg-gray-300"
          >
            Search
          </button>
        </div>
        <fieldset className="flex flex-wrap items-end gap-3">
          <legend className="sr-only">Filters</legend>
          <Field label="Published from">
            {(id) => (
              <input
                id={id}
                type="date"
                name="from"
                value={params.from ?? ""}
                onChange={(e) => set({ from: e.currentTarget.value || undefined })}
                className={field}
              />
            )}
          </Field>
          <Field label="Published to">
            {(id) => (
              <input
                id={id}
                type="date"
                name="to"
                value={params.to ?? ""}
                onChange={(e) => set({ to: e.currentTarget.value || undefined })}
                className={field}
              />
            )}
          </Field>
          <Field label="Organization">
            {(id) => (
              <select
                id={id}
                name="org"
                value={params.org ?? ""}
                onChange={(e) => set({ org: e.currentTarget.value || undefined })}
                className={`${field} max-w-48`}
              >
                <option value="">Any</option>
                {organizationOptions.map((org) => (
                  <option key={org.name} value={org.name}>
                    {org.fullname ?? org.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {categoryOptions.length > 0 && (
            <Field label="arXiv category">
              {(id) => (
                <select
                  id={id}
                  name="category"
                  value={params.category ?? ""}
                  onChange={(e) => set({ category: e.currentTarget.value || undefined })}
                  className={field}
                >
                  <option value="">Any</option>
                  {categoryOptions.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <Field label="Sort by">
            {(id) => (
              <select
                id={id}
                name="sort"
                value={params.sort}
                onChange={(e) => set({ sort: e.currentTarget.value as SearchSort })}
                className={field}
              >
                {searchSorts.map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABELS[s]}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
      </form>

      <section ref={resultsRef} aria-label="Search results" aria-busy={isFetching} className="mt-6 scroll-mt-4">
        {refusal && <Alert className="mb-3">{refusal}</Alert>}
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          <p role="status" className="text-sm text-gray-600 dark:text-gray-400">
            {refusal ? "" : status}
          </p>
          {hasQuery && !error && !refusal && (
            <FollowButton
              kind="query"
              value={effective.q.trim().replace(/\s+/g, " ")}
              label={`“${effective.q.trim()}”`}
              what="this search"
            />
          )}
        </div>
        {page.bounded !== null && (
          <p className="mb-3 text-sm text-gray-700 dark:text-gray-300">
            Nearly every paper holds these words but few hold them all{effective.q.includes("-") ? " without the excluded ones" : ""}: these
            results come from the {formatNumber(page.bounded)} most upvoted papers. Add a rarer word, or fewer exclusions, to search them
            all.
          </p>
        )}
        {!error && page.hits.length > 0 && effective.p === 0 && <CorrectionNotice page={page} params={effective} go={set} />}
        {!error && page.help && <EmptyHelpNotice help={page.help} params={effective} go={set} organizationLabel={organizationLabel} />}
        {page.hits.length > 0 && (
          <VoteScope ids={page.hits.map((hit) => hit.card.id)}>
            <ol className={`flex flex-col gap-3 transition-opacity ${isFetching ? "opacity-60" : ""}`}>
              {page.hits.map((hit, i) => (
                <li key={hit.card.id}>
                  {i === firstPartial && heading && <p className="mb-3 text-sm font-medium text-gray-700 dark:text-gray-300">{heading}</p>}
                  <PaperCard card={hit.card} title={hit.title} abstract={hit.abstract} />
                </li>
              ))}
            </ol>
          </VoteScope>
        )}
        {page.lastPage !== null && (
          <p className="text-sm">
            <a
              href={`/papers?${searchQueryString({ ...effective, p: page.lastPage })}`}
              onClick={(event) => goToPage(event, page.lastPage ?? 0)}
              className="font-medium text-brand-700 underline dark:text-brand-500"
            >
              Go to the last page of results (page {page.lastPage + 1})
            </a>
          </p>
        )}
        {page.lastPage === null && (effective.p > 0 || page.hasMore) && (
          <nav aria-label="Result pages" className="mt-6 flex items-center justify-between">
            {effective.p > 0 ? (
              <a
                href={`/papers?${searchQueryString({ ...effective, p: effective.p - 1 })}`}
                onClick={(event) => goToPage(event, effective.p - 1)}
                rel="prev"
                className="inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800"
              >
                ← Previous results
              </a>
            ) : (
              <span />
            )}
            {page.hasMore && (
              <a
                href={`/papers?${searchQueryString({ ...effective, p: effective.p + 1 })}`}
                onClick={(event) => goToPage(event, effective.p + 1)}
                rel="next"
                className="inline-flex min-h-11 items-center rounded-md border border-gray-300 px-3 text-sm font-medium hover:bg-gray-100 dark:border-gray-700 dark:hover:bg-gray-800"
              >
                More results →
              </a>
            )}
          </nav>
        )}
      </section>
    </>
  );
}
