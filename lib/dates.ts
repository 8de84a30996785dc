// Days are `YYYY-MM-DD` in UTC; weeks are ISO 8601 (`YYYY-Www`, Monday first).

export type PeriodKind = "day" | "week" | "month";

export interface Period {
  kind: PeriodKind;
  key: string;
  start: string;
  end: string;
}

const MIN_YEAR = 1990;
const MAX_YEAR = 2999;
const DAY_MS = 86_400_000;

function toDate(day: string): Date {
  return new Date(`${day}T00:00:00Z`);
}

export function dayToIso(day: string): string {
  return toDate(day).toISOString();
}

export function formatDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function todayUtc(now = new Date()): string {
  return formatDay(now);
}

export function addDays(day: string, n: number): string {
  return formatDay(new Date(toDate(day).getTime() + n * DAY_MS));
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

export function parseDay(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return value;
}

/** Week 1 is the week that holds January 4th. */
function isoWeekOneMonday(year: number): Date {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const weekday = (jan4.getUTCDay() + 6) % 7; // Monday = 0
  return new Date(jan4.getTime() - weekday * DAY_MS);
}

export function isoWeeksInYear(year: number): number {
  // December 28th always falls in the last ISO week of its year.
  return isoWeekOf(`${year}-12-28`).week;
}

export function isoWeekOf(day: string): { year: number; week: number } {
  const date = toDate(day);
  const weekday = (date.getUTCDay() + 6) % 7;
  // The Thursday of this week decides which ISO year the week belongs to.
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - isoWeekOneMonday(year).getTime()) / (7 * DAY_MS)) + 1;
  return { year, week };
}

export function parseWeek(value: string): Period | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, week] = [Number(m[1]), Number(m[2])];
  if (year < MIN_YEAR || year > MAX_YEAR || week < 1 || week > isoWeeksInYear(year)) return null;
  const start = formatDay(new Date(isoWeekOneMonday(year).getTime() + (week - 1) * 7 * DAY_MS));
  return { kind: "week", key: value, start, end: addDays(start, 6) };
}

export function parseMonth(value: string): Period | null {
  const m = /^(\d{4})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [year, month] = [Number(m[1]), Number(m[2])];
  if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12) return null;
  const start = `${value}-01`;
  const end = formatDay(new Date(Date.UTC(year, month, 0)));
  return { kind: "month", key: value, start, end };
}

export function parsePeriod(kind: PeriodKind, value: string): Period | null {
  if (kind === "week") return parseWeek(value);
  if (kind === "month") return parseMonth(value);
  const day = parseDay(value);
  return day ? { kind: "day", key: day, start: day, end: day } : null;
}

export function periodOf(kind: PeriodKind, day: string): Period {
  if (kind === "day") return { kind, key: day, start: day, end: day };
  if (kind === "month") return parseMonth(day.slice(0, 7))!;
  const { year, week } = isoWeekOf(day);
  return parseWeek(`${year}-W${pad(week)}`)!;
}

export function periodPath(period: Pick<Period, "kind" | "key">): string {
  const segment = period.kind === "day" ? "date" : period.kind;
  return `/papers/${segment}/${period.key}`;
}

// Made on first use: an Intl formatter costs tens of milliseconds on a slow phone, delaying hydration.
let dayFormat: Intl.DateTimeFormat | undefined;
let monthFormat: Intl.DateTimeFormat | undefined;

const SHORT_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** As Intl.DateTimeFormat en-US writes it (a test compares them), without Intl: cards make one per paper while hydrating. */
export function formatShortDay(day: string): string {
  return `${SHORT_MONTHS[Number(day.slice(5, 7)) - 1]} ${Number(day.slice(8, 10))}, ${Number(day.slice(0, 4))}`;
}

export function periodTitle(period: Period): string {
  if (period.kind === "day")
    return (dayFormat ??= new Intl.DateTimeFormat("en-US", {
      weekday: "long",
      month: "long",
      day: "numeric",
      year: "numeric",
      timeZone: "UTC",
    })).format(toDate(period.start));
  if (period.kind === "month")
    return (monthFormat ??= new Intl.DateTimeFormat("en-US", { month: "long", year: "numeric", timeZone: "UTC" })).format(
      toDate(period.start),
    );
  const { week } = isoWeekOf(period.start);
  return `Week ${week}: ${formatShortDay(period.start)} – ${formatShortDay(period.end)}`;
}
