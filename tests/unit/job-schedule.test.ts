import { afterEach, describe, expect, it, vi } from "vitest";
import type { JobEntry } from "@/server/jobs/registry";
import { scheduleOf } from "@/server/jobs/scheduler";

// Only what scheduleOf reads of an entry: its name and its schedule.
const entry = (expression: string | undefined) =>
  ({ job: { name: "test" }, schedule: { expression, source: "TEST_CRON" } }) as unknown as JobEntry<unknown, Record<string, unknown>>;

afterEach(() => {
  vi.useRealTimers();
});

describe("job schedules (croner, UTC)", () => {
  it("runs the job at each scheduled minute until stopped, and says when it runs next", async () => {
    vi.useFakeTimers({ now: new Date("2026-01-05T00:00:30Z") });
    const ran: string[] = [];
    const lines: string[] = [];
    const cron = scheduleOf(
      entry("*/2 * * * *"),
      () => ran.push(new Date().toISOString()),
      (l) => lines.push(l),
    );
    expect(lines).toEqual(['test scheduled by TEST_CRON "*/2 * * * *" (UTC), next at 2026-01-05T00:02:00.000Z']);

    await vi.advanceTimersByTimeAsync(60_000);
    expect(ran).toEqual([]);
    await vi.advanceTimersByTimeAsync(4 * 60_000);
    expect(ran.map((t) => t.slice(0, 16))).toEqual(["2026-01-05T00:02", "2026-01-05T00:04"]);

    cron!.stop();
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(ran).toHaveLength(2);
  });

  it("reads names, steps and shorthands in UTC", () => {
    vi.useFakeTimers({ now: new Date("2026-01-09T12:00:00Z") }); // a Friday
    const next = (expression: string) => {
      const cron = scheduleOf(
        entry(expression),
        () => {},
        () => {},
      );
      const at = cron?.nextRun()?.toISOString();
      cron?.stop();
      return at;
    };
    expect(next("30 2 * * mon-fri")).toBe("2026-01-12T02:30:00.000Z");
    expect(next("@daily")).toBe("2026-01-10T00:00:00.000Z");
    expect(next("15 * * * *")).toBe("2026-01-09T12:15:00.000Z");
  });

  it.each([["* * *"], ["61 * * * *"], ["0 0 30 2 *"]])("ignores %s with one line saying why", (expression) => {
    const lines: string[] = [];
    expect(
      scheduleOf(
        entry(expression),
        () => {},
        (l) => lines.push(l),
      ),
    ).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^TEST_CRON "${expression.replace(/\*/g, "\\*")}" ignored: `));
  });

  it("has nothing to do without an expression", () => {
    const lines: string[] = [];
    expect(
      scheduleOf(
        entry(undefined),
        () => {},
        (l) => lines.push(l),
      ),
    ).toBeNull();
    expect(lines).toEqual([]);
  });
});
