import type { MouseEvent, ReactNode } from "react";
import { countOf, formatNumber } from "@/lib/display";
import type { SearchParams } from "@/lib/search/params";
import { searchQueryString } from "@/lib/search/query-string";
import type { EmptyHelp, FilterParam, SearchPageData } from "@/server/search";

type Patch = Partial<SearchParams>;

/** A link to the search changed by `patch`: a real address (it works without JavaScript), followed in place in the browser. */
export function SearchLink({
  params,
  patch,
  go,
  children,
  className = "font-medium text-brand-700 underline dark:text-brand-500",
}: {
  params: SearchParams;
  patch: Patch;
  go: (patch: Patch) => void;
  children: ReactNode;
  className?: string;
}) {
  return (
    <a
      href={`/papers?${searchQueryString({ ...params, p: 0, ...patch })}`}
      onClick={(event: MouseEvent) => {
        event.preventDefault();
        go(patch);
      }}
      className={className}
    >
      {children}
    </a>
  );
}

const papers = (n: { count: number; exact: boolean }) =>
  `${n.exact ? "" : "about "}${formatNumber(n.count)} ${n.count === 1 && n.exact ? "paper matches" : "papers match"}`;

export function filterName(filter: FilterParam, params: SearchParams, organizationLabel: (name: string) => string): string {
  switch (filter) {
    case "from":
      return `“published from ${params.from}” filter`;
    case "to":
      return `“published to ${params.to}” filter`;
    case "org":
      return `organization filter (${organizationLabel(params.org ?? "")})`;
    case "category":
      return `arXiv category filter (${params.category})`;
  }
}

function aboutCount(total: SearchPageData["total"]): string {
  if (!total) return "";
  const n = formatNumber(total.count);
  if (total.exact) return total.count === 1 ? "1 paper matches. " : `${n} papers match. `;
  return `About ${n} papers match. `;
}

/** Above the first partial match, unless exact matches are ranked among them (the status line says so then). */
export function partialHeading(whole: number | null, index: number): string | null {
  if (whole) return null;
  return `${index === 0 ? "No paper holds every word. " : ""}Partial matches: papers with some of the words, the rarest counting most.`;
}

/** The line screen readers announce as results arrive. */
export function searchStatus(
  page: SearchPageData,
  params: SearchParams,
  { enabled, error }: { enabled: boolean; error: Error | null },
): string {
  const typed = params.q.trim();
  const offset = params.p * params.limit;
  const range = `${offset + 1}–${offset + page.hits.length}`;
  if (!enabled) return "Type to search titles, authors, keywords and abstracts.";
  if (error) return error.message;
  if (page.lastPage !== null) return "There are no more results.";
  if (page.hits.length === 0) return typed ? `No papers match “${typed}”.` : "No papers match these filters.";
  if (page.whole) {
    const [verb, them] = page.whole === 1 ? ["holds", "it"] : ["hold", "them"];
    return `Results ${range} for “${typed}”: ${countOf(page.whole, "paper")} ${verb} every word, partial matches ranked with ${them}.`;
  }
  if (page.hits[0]?.match === "partial") return `Partial matches ${range} for “${typed}”.`;
  return `${aboutCount(page.total)}Results ${range}${typed ? ` for “${page.correctedQuery ?? typed}”` : ""}.`;
}

const box =
  "mb-3 flex flex-col gap-2 rounded-md border border-gray-200 px-3 py-2 text-sm text-gray-800 dark:border-gray-800 dark:text-gray-200";

export function CorrectionNotice({ page, params, go }: { page: SearchPageData; params: SearchParams; go: (patch: Patch) => void }) {
  const typed = params.q.trim();
  if (page.suggestedQuery) {
    return (
      <p className="mb-3 text-sm text-gray-800 dark:text-gray-200">
        Did you mean{" "}
        <SearchLink params={params} patch={{ q: page.suggestedQuery, exact: false }} go={go} className="font-semibold italic underline">
          {page.suggestedQuery}
        </SearchLink>
        ?
      </p>
    );
  }
  if (!page.correctedQuery) return null;
  return (
    <p className="mb-3 text-sm text-gray-800 dark:text-gray-200">
      No papers match “{typed}”. Showing results for{" "}
      <SearchLink params={params} patch={{ q: page.correctedQuery, exact: false }} go={go} className="font-semibold italic underline">
        {page.correctedQuery}
      </SearchLink>{" "}
      instead.{" "}
      <SearchLink params={params} patch={{ exact: true }} go={go}>
        Search for “{typed}” exactly
      </SearchLink>
    </p>
  );
}

export function EmptyHelpNotice({
  help,
  params,
  go,
  organizationLabel,
}: {
  help: EmptyHelp;
  params: SearchParams;
  go: (patch: Patch) => void;
  organizationLabel: (name: string) => string;
}) {
  if (help.noWords) {
    return (
      <div className={box}>
        <p>There are no words in this search to look for: search with words from a title, an author&apos;s name or a keyword.</p>
      </div>
    );
  }
  if (help.filters.length > 0 || help.withoutFilters) {
    return (
      <div className={box}>
        {help.filters.map(({ filter, count }) => (
          <p key={filter}>
            The {filterName(filter, params, organizationLabel)} leaves nothing:{" "}
            <SearchLink params={params} patch={{ [filter]: undefined }} go={go}>
              {papers(count)} without it
            </SearchLink>
            .
          </p>
        ))}
        {help.withoutFilters && (
          <p>
            These filters together leave nothing:{" "}
            <SearchLink params={params} patch={{ from: undefined, to: undefined, org: undefined, category: undefined }} go={go}>
              {papers(help.withoutFilters)} without them
            </SearchLink>
            .
          </p>
        )}
      </div>
    );
  }
  const quoted = (words: string[]) => words.map((w) => `“${w}”`).join(", ");
  return (
    <div className={box}>
      {help.unmatched.length > 0 && (
        <p>
          No paper has {help.unmatched.length === 1 ? "the word" : "the words"} {quoted(help.unmatched)}.
        </p>
      )}
      {help.words.length > 0 && (
        <>
          <p>{help.words.length === 1 ? "This word matches papers on its own:" : "Each of these words matches papers on its own:"}</p>
          <ul className="flex flex-wrap gap-x-4 gap-y-1">
            {help.words.map(({ word, count }) => (
              <li key={word}>
                <SearchLink params={params} patch={{ q: word, exact: false }} go={go}>
                  {word}
                </SearchLink>{" "}
                <span className="text-gray-600 dark:text-gray-400">({papers(count)})</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {help.fewer && (
        <p>
          Fewer words:{" "}
          <SearchLink params={params} patch={{ q: help.fewer.q, exact: false }} go={go}>
            {help.fewer.q}
          </SearchLink>{" "}
          <span className="text-gray-600 dark:text-gray-400">({papers(help.fewer.count)})</span>
        </p>
      )}
      {help.words.length === 0 && <p>Check the spelling, or try other or more general words.</p>}
    </div>
  );
}
