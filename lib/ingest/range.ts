import { addDays, parseDay, todayUtc } from "@/lib/dates";

export interface DayRange {
  from: string;
  to: string;
}

export class DayRangeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DayRangeError";
  }
}

/** Yesterday too, since the feed fills in over a day. */
export function defaultRange(now = new Date()): DayRange {
  const today = todayUtc(now);
  return { from: addDays(today, -1), to: today };
}

export function lastDays(n: number, now = new Date()): DayRange {
  const today = todayUtc(now);
  return { from: addDays(today, -(n - 1)), to: today };
}

export function dayCount({ from, to }: DayRange): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
}

/** Newest first: the feed's freshest days are the ones people look at. */
export function daysOf(range: DayRange): string[] {
  const days: string[] = [];
  for (let day = range.to; day >= range.from; day = addDays(day, -1)) days.push(day);
  return days;
}

export function resolveRange(
  input: { date?: string; from?: string; to?: string; days?: number },
  { maxDays, fallback, now = new Date() }: { maxDays: number; fallback: DayRange; now?: Date },
): DayRange {
  const given = [input.date !== undefined, input.from !== undefined || input.to !== undefined, input.days !== undefined];
  if (given.filter(Boolean).length > 1) throw new DayRangeError("Give either date, or from and to, or days, not several.");

  let range: DayRange;
  if (input.date !== undefined) {
    const day = parseDay(input.date);
    if (!day) throw new DayRangeError(`date: "${input.date}" is not a calendar day (YYYY-MM-DD).`);
    range = { from: day, to: day };
  } else if (input.from !== undefined || input.to !== undefined) {
    if (input.from === undefined || input.to === undefined) throw new DayRangeError("from and to go together.");
    const from = parseDay(input.from);
    const to = parseDay(input.to);
    if (!from) throw new DayRangeError(`from: "${input.from}" is not a calendar day (YYYY-MM-DD).`);
    if (!to) throw new DayRangeError(`to: "${input.to}" is not a calendar day (YYYY-MM-DD).`);
    if (from > to) throw new DayRangeError(`from (${from}) is after to (${to}).`);
    range = { from, to };
  } else if (input.days !== undefined) {
    if (!Number.isInteger(input.days) || input.days < 1) throw new DayRangeError("days must be a whole number of at least 1.");
    if (input.days > maxDays) throw new DayRangeError(`days: at most ${maxDays} days at a time.`);
    range = lastDays(input.days, now);
  } else {
    range = fallback;
  }

  const count = dayCount(range);
  if (count > maxDays) throw new DayRangeError(`At most ${maxDays} days at a time; ${range.from} to ${range.to} is ${count}.`);
  return range;
}
