import { describe, expect, it } from "vitest";
import { isoWeekOf, parseDay, parseMonth, parseWeek, periodOf, periodPath, addDays, formatShortDay } from "@/lib/dates";

describe("parseDay", () => {
  it("accepts real days and rejects impossible ones", () => {
    expect(parseDay("2024-02-29")).toBe("2024-02-29");
    expect(parseDay("2026-02-30")).toBeNull();
    expect(parseDay("2025-02-29")).toBeNull();
    expect(parseDay("2026-13-01")).toBeNull();
    expect(parseDay("abc")).toBeNull();
    expect(parseDay("2026-1-05")).toBeNull();
    expect(parseDay("0000-01-01")).toBeNull();
  });
});

describe("ISO weeks", () => {
  it("numbers weeks across year boundaries as ISO 8601 does", () => {
    expect(isoWeekOf("2021-01-03")).toEqual({ year: 2020, week: 53 });
    expect(isoWeekOf("2024-12-30")).toEqual({ year: 2025, week: 1 });
    expect(isoWeekOf("2026-03-09")).toEqual({ year: 2026, week: 11 });
  });

  it("parses weeks to their Monday–Sunday range and rejects weeks a year lacks", () => {
    expect(parseWeek("2026-W11")).toMatchObject({ start: "2026-03-09", end: "2026-03-15" });
    expect(parseWeek("2020-W53")).toMatchObject({ start: "2020-12-28", end: "2021-01-03" });
    expect(parseWeek("2026-W53")).toMatchObject({ start: "2026-12-28" }); // 2026 starts on a Thursday
    expect(parseWeek("2025-W53")).toBeNull();
    expect(parseWeek("2026-W54")).toBeNull();
    expect(parseWeek("2026-W00")).toBeNull();
    expect(parseWeek("2026-11")).toBeNull();
  });
});

describe("months and periods", () => {
  it("knows month lengths", () => {
    expect(parseMonth("2024-02")).toMatchObject({ start: "2024-02-01", end: "2024-02-29" });
    expect(parseMonth("2026-13")).toBeNull();
  });

  it("finds the week and month containing a day", () => {
    expect(periodOf("week", "2026-01-01")).toMatchObject({ key: "2026-W01", start: "2025-12-29" });
    expect(periodPath(periodOf("month", "2026-03-09"))).toBe("/papers/month/2026-03");
    expect(periodPath(periodOf("day", "2026-03-09"))).toBe("/papers/date/2026-03-09");
  });
});

describe("formatShortDay", () => {
  it("writes what Intl's en-US short date writes, for every day of 1999 to 2031", () => {
    const intl = new Intl.DateTimeFormat("en-US", { month: "short", day: "numeric", year: "numeric", timeZone: "UTC" });
    let day = "1999-01-01";
    let checked = 0;
    while (day < "2032-01-01") {
      expect(formatShortDay(day), day).toBe(intl.format(new Date(`${day}T00:00:00Z`)));
      day = addDays(day, 1);
      checked += 1;
    }
    expect(checked).toBe(12_053);
    expect(formatShortDay("2026-03-09")).toBe("Mar 9, 2026");
  });
});
