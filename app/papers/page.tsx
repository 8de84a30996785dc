import type { Metadata } from "next";
import { Alert } from "@/components/layout/alert";
import { PeriodView } from "@/components/periods/period-view";
import { SearchView } from "@/components/search/search-view";
import { clip } from "@/lib/display";
import { pageMetadata } from "@/lib/page-metadata";
import { searchFeedAlternates } from "@/lib/feeds";
import { isSearch, readSearchPageParams, searchQueryString } from "@/lib/search/params";
import { loadPeriodPage, periodMetadata, resolvePeriod } from "@/server/periods";
import { searchFilterValues, searchPageData } from "@/server/search";

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { params } = readSearchPageParams(await searchParams);
  if (!isSearch(params)) return periodMetadata("day", "latest");
  const q = params.q.trim();
  return pageMetadata(
    {
      title: q ? `Search: ${q}` : "Search",
      description: q
        ? `Machine learning papers matching “${clip(q, 100)}”, on Daily Papers.`
        : "Search machine learning papers on Daily Papers.",
      path: `/papers?${searchQueryString(params)}`,
      // The first page of a plain query is a page about a topic, worth finding; later pages and
      // filtered or re-sorted views are endless variations of it.
      noindex: !q || params.p > 0 || Boolean(params.from || params.to || params.org || params.category) || params.sort !== "relevance",
    },
    { alternates: { types: searchFeedAlternates(q) } },
  );
}

/** `/papers` is the latest day, as on the source site; with a query or a filter, it searches. */
export default async function Page({ searchParams }: Props) {
  const { params, problem, refused } = readSearchPageParams(await searchParams);
  if (!isSearch(params) && !problem && !refused) {
    const period = await resolvePeriod("day", "latest");
    return <PeriodView listing={await loadPeriodPage(period)} />;
  }

  const [page, filterValues] = await Promise.all([
    refused ? undefined : searchPageData({ ...params, offset: params.p * params.limit }),
    searchFilterValues(),
  ]);
  return (
    <>
      <h1 className="mb-4 text-2xl font-bold tracking-tight sm:text-3xl">Search papers</h1>
      {problem && <Alert className="mb-4">Some search options were not understood and were ignored: {problem}</Alert>}
      <SearchView
        initialParams={refused ? { ...params, q: refused.q } : params}
        initialPage={page}
        organizations={filterValues.organizations}
        categories={filterValues.categories}
      />
    </>
  );
}
