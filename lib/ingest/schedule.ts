/**
 * Five-field cron expressions (`minute hour day-of-month month day-of-week`, in UTC) and a
 * timer that runs a job on them. Fields take `*`, numbers, ranges `a-b`, steps (`/n` after `*`,
 * a range or a start), lists `a,b`, and month and weekday names; `@hourly`, `@daily`, `@weekly`, `@monthly`
 * and `@yearly` are shorthands. As in Vixie cron, when both day fields are restricted a day
 * matching either one fires.
 */

export class CronError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CronError";
  }
}

export interface CronSchedule {
  expression: string;
  minutes: Set<number>;
  hours: Set<number>;
  daysOfMonth: Set<number>;
  months: Set<number>;
  daysOfWeek: Set<number>;
  daysOfMonthRestricted: boolean;
  daysOfWeekRestricted: boolean;
}

const MACROS: Record<string, string> = {
  "@yearly": "0 0 1 1 *",
  "@annually": "0 0 1 1 *",
  "@monthly": "0 0 1 * *",
  "@weekly": "0 0 * * 0",
  "@daily": "0 0 * * *",
  "@midnight": "0 0 * * *",
  "@hourly": "0 * * * *",
};

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

interface FieldSpec {
  label: string;
  min: number;
  max: number;
  names?: string[];
  namesStartAt?: number;
}

const FIELDS: FieldSpec[] = [
  { label: "minute", min: 0, max: 59 },
  { label: "hour", min: 0, max: 23 },
  { label: "day of month", min: 1, max: 31 },
  { label: "month", min: 1, max: 12, names: MONTH_NAMES, namesStartAt: 1 },
  // 7 is Sunday too; folded onto 0 below.
  { label: "day of week", min: 0, max: 7, names: DAY_NAMES, namesStartAt: 0 },
];

function parseValue(text: string, spec: FieldSpec): number {
  const byName = spec.names?.indexOf(text.toLowerCase()) ?? -1;
  if (byName !== -1) return byName + (spec.namesStartAt ?? 0);
  if (!/^\d+$/.test(text)) throw new CronError(`${spec.label}: "${text}" is not a number`);
  const value = Number(text);
  if (value < spec.min || value > spec.max) {
    throw new CronError(`${spec.label}: ${value} is outside ${spec.min}-${spec.max}`);
  }
  return value;
}

function parseField(text: string, spec: FieldSpec): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(",")) {
    const [rangeText, stepText, extra] = part.split("/");
    if (!rangeText || extra !== undefined || stepText === "") throw new CronError(`${spec.label}: "${part}" is malformed`);
    if (stepText !== undefined && !/^[1-9]\d*$/.test(stepText)) throw new CronError(`${spec.label}: step "${stepText}" must be a positive number`);
    const step = stepText === undefined ? 1 : Number(stepText);
    let start: number;
    let end: number;
    if (rangeText === "*") {
      [start, end] = [spec.min, spec.max];
    } else {
      const [a, b, more] = rangeText.split("-");
      if (a === undefined || a === "" || b === "" || more !== undefined) throw new CronError(`${spec.label}: "${part}" is malformed`);
      start = parseValue(a, spec);
      // `5/15` means from 5 to the end, every 15.
      end = b !== undefined ? parseValue(b, spec) : stepText !== undefined ? spec.max : start;
      if (start > end) throw new CronError(`${spec.label}: range ${rangeText} runs backwards`);
    }
    for (let v = start; v <= end; v += step) values.add(v);
  }
  return values;
}

export function parseCron(expression: string): CronSchedule {
  const trimmed = expression.trim();
  const expanded = MACROS[trimmed.toLowerCase()] ?? trimmed;
  const fields = expanded.split(/\s+/);
  if (fields.length !== 5) {
    throw new CronError(`expected 5 fields (minute hour day-of-month month day-of-week), got ${fields.length}`);
  }
  const [minutes, hours, daysOfMonth, months, daysOfWeek] = fields.map((f, i) => parseField(f, FIELDS[i]!)) as [
    Set<number>, Set<number>, Set<number>, Set<number>, Set<number>,
  ];
  if (daysOfWeek.delete(7)) daysOfWeek.add(0);
  const schedule: CronSchedule = {
    expression: trimmed,
    minutes,
    hours,
    daysOfMonth,
    months,
    daysOfWeek,
    daysOfMonthRestricted: !fields[2]!.startsWith("*"),
    daysOfWeekRestricted: !fields[4]!.startsWith("*"),
  };
  // `0 0 30 2 *` parses but would never fire: better to say so at start-up.
  nextCronTime(schedule, new Date(Date.UTC(2000, 0, 1)));
  return schedule;
}

function dayMatches(s: CronSchedule, t: Date): boolean {
  const dom = s.daysOfMonth.has(t.getUTCDate());
  const dow = s.daysOfWeek.has(t.getUTCDay());
  if (s.daysOfMonthRestricted && s.daysOfWeekRestricted) return dom || dow;
  return dom && dow;
}

// Leap days recur within 8 years (1900-style gaps aside, 2100 is the next); look a little further.
const HORIZON_MS = 9 * 366 * 86_400_000;

/** The first minute strictly after `after` at which the schedule fires (UTC). */
export function nextCronTime(schedule: CronSchedule, after: Date): Date {
  const t = new Date(after.getTime());
  t.setUTCSeconds(0, 0);
  t.setUTCMinutes(t.getUTCMinutes() + 1);
  const limit = after.getTime() + HORIZON_MS;
  while (t.getTime() <= limit) {
    if (!schedule.months.has(t.getUTCMonth() + 1)) {
      t.setUTCMonth(t.getUTCMonth() + 1, 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(schedule, t)) {
      t.setUTCDate(t.getUTCDate() + 1);
      t.setUTCHours(0, 0, 0, 0);
    } else if (!schedule.hours.has(t.getUTCHours())) {
      t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0);
    } else if (!schedule.minutes.has(t.getUTCMinutes())) {
      t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0);
    } else {
      return t;
    }
  }
  throw new CronError(`"${schedule.expression}" never fires`);
}

// setTimeout holds at most 2^31-1 ms (about 24.8 days); longer waits are chained.
const MAX_TIMEOUT_MS = 2_147_483_647;

export interface ScheduleHandle {
  next: () => Date;
  stop: () => void;
}

/**
 * Runs `job` at every time `expression` names, one run at a time, until stopped. The timer does
 * not keep the process alive. A job's error is the job's to report; it never stops the schedule.
 */
export function startSchedule(
  expression: string,
  job: () => Promise<void>,
  { now = () => new Date() }: { now?: () => Date } = {},
): ScheduleHandle {
  const schedule = parseCron(expression);
  let next = nextCronTime(schedule, now());
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  const arm = () => {
    if (stopped) return;
    const wait = Math.min(MAX_TIMEOUT_MS, Math.max(0, next.getTime() - now().getTime()));
    timer = setTimeout(() => void tick(), wait);
    timer.unref?.();
  };
  const tick = async () => {
    if (now().getTime() >= next.getTime()) {
      await job().catch(() => {});
      next = nextCronTime(schedule, now());
    }
    arm();
  };
  arm();

  return {
    next: () => next,
    stop: () => {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
