import { afterEach, describe, expect, it, vi } from "vitest";
import { CronError, nextCronTime, parseCron, startSchedule } from "@/lib/ingest/schedule";

const next = (expression: string, after: string) => nextCronTime(parseCron(expression), new Date(after)).toISOString();

describe("parseCron", () => {
  it("reads steps, ranges, lists and names", () => {
    expect([...parseCron("*/15 * * * *").minutes]).toEqual([0, 15, 30, 45]);
    expect([...parseCron("5/20 * * * *").minutes]).toEqual([5, 25, 45]);
    expect([...parseCron("0 8-18/5 * * *").hours]).toEqual([8, 13, 18]);
    expect([...parseCron("0 0 1 jan,JUL *").months]).toEqual([1, 7]);
    expect([...parseCron("0 0 * * mon-fri").daysOfWeek]).toEqual([1, 2, 3, 4, 5]);
    expect([...parseCron("0 0 * * 7").daysOfWeek]).toEqual([0]);
    expect(parseCron("@hourly")).toMatchObject({ minutes: new Set([0]), hours: new Set(Array.from({ length: 24 }, (_, i) => i)) });
  });

  it.each([
    ["* * * *", /expected 5 fields/],
    ["60 * * * *", /minute: 60 is outside 0-59/],
    ["* 24 * * *", /hour: 24 is outside 0-23/],
    ["*/0 * * * *", /step "0" must be a positive number/],
    ["5-1 * * * *", /range 5-1 runs backwards/],
    ["x * * * *", /minute: "x" is not a number/],
    ["1,,2 * * * *", /malformed/],
    ["0 0 30 2 *", /never fires/],
  ])("refuses %s", (expression, message) => {
    expect(() => parseCron(expression)).toThrow(CronError);
    expect(() => parseCron(expression)).toThrow(message);
  });
});

describe("nextCronTime (UTC)", () => {
  it("finds the next matching minute strictly after the given time", () => {
    expect(next("30 2 * * *", "2026-01-05T02:29:59Z")).toBe("2026-01-05T02:30:00.000Z");
    expect(next("30 2 * * *", "2026-01-05T02:30:00Z")).toBe("2026-01-06T02:30:00.000Z");
    expect(next("*/15 * * * *", "2026-01-05T23:59:00Z")).toBe("2026-01-06T00:00:00.000Z");
    expect(next("@daily", "2026-12-31T12:00:00Z")).toBe("2027-01-01T00:00:00.000Z");
  });

  it("skips to the next weekday and across months and years", () => {
    // 2026-01-09 is a Friday.
    expect(next("0 9 * * mon-fri", "2026-01-09T10:00:00Z")).toBe("2026-01-12T09:00:00.000Z");
    expect(next("0 0 1 jul *", "2026-07-01T00:00:00Z")).toBe("2027-07-01T00:00:00.000Z");
    expect(next("0 0 29 2 *", "2026-03-01T00:00:00Z")).toBe("2028-02-29T00:00:00.000Z");
  });

  it("fires on either day field when both are restricted", () => {
    // The 13th, or any Friday: Friday 2026-01-02 comes first, then the 13th (a Tuesday).
    expect(next("0 0 13 * fri", "2026-01-01T00:00:00Z")).toBe("2026-01-02T00:00:00.000Z");
    expect(next("0 0 13 * fri", "2026-01-10T00:00:00Z")).toBe("2026-01-13T00:00:00.000Z");
    // With only the day of month restricted, the weekday does not matter.
    expect(next("0 0 13 * *", "2026-01-14T00:00:00Z")).toBe("2026-02-13T00:00:00.000Z");
  });
});

describe("startSchedule", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs the job at each scheduled minute until stopped", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-05T00:00:30Z") });
    const ran: string[] = [];
    const handle = startSchedule("*/2 * * * *", async () => {
      ran.push(new Date().toISOString());
    });
    expect(handle.next().toISOString()).toBe("2026-01-05T00:02:00.000Z");

    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(ran).toEqual(["2026-01-05T00:02:00.000Z", "2026-01-05T00:04:00.000Z"]);

    handle.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(ran).toHaveLength(2);
  });

  it("keeps going after a job fails", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-05T00:00:30Z") });
    let calls = 0;
    const handle = startSchedule("* * * * *", async () => {
      calls += 1;
      throw new Error("upstream down");
    });
    await vi.advanceTimersByTimeAsync(3 * 60_000);
    handle.stop();
    expect(calls).toBe(3);
  });
});
