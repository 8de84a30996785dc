import { addDays, isoWeekOf, parseWeek, periodOf, type Period } from "./dates";

export const DIGEST_FREQUENCIES = ["daily", "weekly"] as const;
export type DigestFrequency = (typeof DIGEST_FREQUENCIES)[number];

export interface DigestPeriod {
  frequency: DigestFrequency;
  /** Claims and Message-IDs are keyed by it. */
  key: string;
  period: Period;
}

const pad = (n: number) => String(n).padStart(2, "0");

export function digestPeriod(
  frequency: DigestFrequency,
  { latestDay, today }: { latestDay: string | null; today: string },
): DigestPeriod | null {
  if (frequency === "daily") {
    if (!latestDay) return null;
    return { frequency, key: `day:${latestDay}`, period: periodOf("day", latestDay) };
  }
  const { year, week } = isoWeekOf(addDays(today, -7));
  const period = parseWeek(`${year}-W${pad(week)}`)!;
  return { frequency, key: `week:${period.key}`, period };
}
