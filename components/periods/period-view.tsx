import Link from "next/link";
import { formatShortDay, periodOf, periodPath, periodTitle, type Period, type PeriodKind } from "@/lib/dates";
import { countOf, formatNumber } from "@/lib/display";
import { isSamplePaperId } from "@/lib/paper-id";
import { PERIOD_PAGE_SIZE, type PeriodListing } from "@/server/periods";
import { DatePicker } from "./date-picker";
import { PaperList } from "@/components/papers/paper-list";
import { PeriodKeys } from "./period-keys";
import { SubscribeBanner } from "@/components/subscriptions/subscribe-banner";
import { Pager } from "@/components/layout/pager";

const KINDS: { kind: PeriodKind; label: string }[] = [
  { kind: "day", label: "Day" },
  { kind: "week", label: "Week" },
  { kind: "month", label: "Month" },
];

function StepLink({ href, unit, direction }: { href: string | null; unit: PeriodKind; direction: "previous" | "next" }) {
  const content = (
    <>
      {direction === "previous" && <span aria-hidden="true">←</span>}
      {direction === "previous" ? "Previous" : "Next"}
      {/* On a phone "Previous" and "Next" leave the date picker room on the same row. */}
      <span className="max-sm:sr-only">{` ${unit}`}</span>
      {direction === "next" && <span aria-hidden="true">→</span>}
    </>
  );
  if (!href) {
    return (
      <span aria-disabled="true" className="step">
        {content}
      </span>
    );
  }
  return (
    <Link href={href} rel={direction === "previous" ? "prev" : "next"} className="step">
      {content}
    </Link>
  );
}

function NearbyPeriods({ previous, next }: { previous: Period | null; next: Period | null }) {
  if (!previous && !next) return <p className="mt-2">No papers have been listed yet.</p>;
  const link = (period: Period) => (
    <Link className="font-medium text-brand-700 underline dark:text-brand-500" href={periodPath(period)}>
      {periodTitle(period)}
    </Link>
  );
  return (
    <p className="mt-2">
      Try the nearest {previous?.kind ?? next?.kind}s with papers: {previous && link(previous)}
      {previous && next && " or "}
      {next && link(next)}.
    </p>
  );
}

function DayLinks({ days }: { days: { day: string; papers: number }[] }) {
  return (
    <nav aria-label="Every paper, day by day" className="mt-6 text-sm">
      <h2 className="mb-2 font-medium text-gray-700 dark:text-gray-300">Day by day</h2>
      <ul className="flex flex-wrap gap-2">
        {days.map(({ day, papers }) => (
          <li key={day}>
            <Link href={periodPath(periodOf("day", day))} className="step">
              {formatShortDay(day)} <span className="ml-1 text-gray-600 dark:text-gray-400">({papers})</span>
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function PeriodView({ listing }: { listing: PeriodListing }) {
  const { period, papers, offset } = listing;
  const previous = listing.previous ? periodPath(listing.previous) : null;
  const next = listing.next ? periodPath(listing.next) : null;
  const unit = period.kind;
  const title = periodTitle(period);
  // The tabs keep the same day in view: for a week or month, its latest day with papers.
  const anchorDay = papers.reduce((latest, p) => (p.listedOn && p.listedOn > latest ? p.listedOn : latest), period.start);

  return (
    <>
      <PeriodKeys previous={previous} next={next} />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
        <div>
          <p className="text-sm font-medium text-brand-700 dark:text-brand-500">
            {unit === "day" ? "Daily Papers" : unit === "week" ? "Weekly Papers" : "Monthly Papers"}
          </p>
          <h1 className="text-2xl font-bold tracking-tight sm:text-3xl">{title}</h1>
        </div>
        <nav aria-label="Period" className="flex rounded-lg border border-gray-300 p-0.5 text-sm dark:border-gray-700">
          {KINDS.map(({ kind, label }) => {
            const target = periodOf(kind, anchorDay);
            const current = kind === period.kind;
            return (
              <Link key={kind} href={periodPath(target)} aria-current={current ? "page" : undefined} className="tab">
                {label}
              </Link>
            );
          })}
        </nav>
      </div>

      <nav aria-label={`Browse ${unit}s`} className="mt-4 flex flex-wrap items-center gap-2">
        <StepLink href={previous} unit={unit} direction="previous" />
        <StepLink href={next} unit={unit} direction="next" />
        <div className="ml-auto">
          <DatePicker value={anchorDay} />
        </div>
      </nav>

      <SubscribeBanner />

      {papers.some((p) => isSamplePaperId(p.id)) && (
        <p
          role="note"
          className="mt-4 rounded-lg border border-brand-500/40 bg-brand-50 px-3 py-2 text-sm text-gray-800 dark:bg-gray-900 dark:text-gray-200"
        >
          These are the bundled sample papers, shown until real ones are fetched. Fetch the last week of Daily Papers with{" "}
          <code className="font-mono whitespace-nowrap">npm run ingest -- --days 7</code> (the server also does it by itself on its first
          start, when it can reach huggingface.co).
        </p>
      )}

      {papers.length > 0 ? (
        <section aria-label={`Papers, ${title}`} className="mt-6">
          <p className="mb-3 text-sm text-gray-600 dark:text-gray-400">
            {listing.total <= papers.length
              ? `${countOf(papers.length, "paper")}, ranked by upvotes`
              : `Papers ${formatNumber(offset + 1)}–${formatNumber(offset + papers.length)} of ${formatNumber(listing.total)}, ranked by upvotes`}
          </p>
          <PaperList papers={papers} label={`Papers, ${title}`} start={offset} />
          <Pager
            path={periodPath(period)}
            page={listing.page}
            hasMore={offset + papers.length < listing.total}
            label={`Pages of papers, ${title}`}
            steps={{
              previous: `Papers ${offset - PERIOD_PAGE_SIZE + 1}–${offset}`,
              next: `Papers ${offset + PERIOD_PAGE_SIZE + 1}–${Math.min(offset + 2 * PERIOD_PAGE_SIZE, listing.total)}`,
            }}
          />
          {listing.days && listing.days.length > 0 && <DayLinks days={listing.days} />}
        </section>
      ) : (
        <section
          aria-label="No papers"
          className="mt-10 rounded-xl border border-dashed border-gray-300 p-8 text-center text-gray-700 dark:border-gray-700 dark:text-gray-300"
        >
          <p className="text-lg font-semibold">No papers on this {unit}.</p>
          <NearbyPeriods previous={listing.previous} next={listing.next} />
        </section>
      )}
    </>
  );
}
