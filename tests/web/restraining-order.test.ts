/** The huisverbod's legal deadlines as the phase page words them. */
import { describe, expect, it } from "vitest";
import { addDays, amsterdamDate } from "../../shared/dates";
import { restrainingOrderDeadlines } from "../../web/src/lib/restraining-order";

describe("the huisverbod's deadlines in words", () => {
  const today = amsterdamDate(new Date());

  it("gives the day it was imposed and until when the mayor can extend it", () => {
    const from = addDays(today, -3);
    const lines = restrainingOrderDeadlines({ from, until: addDays(from, 10) });
    expect(lines[0]).toMatch(/^Opgelegd op /);
    expect(lines[1]).toMatch(/de burgemeester kan het daarvóór verlengen, hoogstens tot en met/);
  });

  it("says that a huisverbod recorded without the day it was imposed has no deadlines to show", () => {
    const order = { from: null, until: addDays(today, 5) };
    expect(restrainingOrderDeadlines(order)).toEqual([
      "De dag van opleggen is niet vastgelegd, dus de wettelijke termijnen (tien dagen, na verlenging hoogstens vier weken) zijn niet te tonen.",
    ]);
  });
});
