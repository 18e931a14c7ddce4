/** The day counts the pages show: the huisverbod's days left and a prioritised case's days of waiting. */
import { describe, expect, it } from "vitest";
import { daysSince, daysUntil } from "../../web/src/lib/days";

describe("whole days in Amsterdam", () => {
  const now = new Date("2026-11-24T08:00:00Z");

  it("counts the days until a day: 0 on it, negative after it", () => {
    expect(daysUntil("2026-11-24", now)).toBe(0);
    expect(daysUntil("2026-11-25", now)).toBe(1);
    expect(daysUntil("2026-12-22", now)).toBe(28);
    expect(daysUntil("2026-11-20", now)).toBe(-4);
  });

  it("counts the days since an instant by the Amsterdam calendar, across midnight and summer time", () => {
    expect(daysSince("2026-11-24T07:00:00Z", now)).toBe(0);
    // 23:30 UTC on the 20th is already the 21st in Amsterdam.
    expect(daysSince("2026-11-20T23:30:00Z", now)).toBe(3);
    expect(daysSince("2026-10-20T10:00:00Z", now)).toBe(35);
  });
});
