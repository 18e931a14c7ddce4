/** `GET /api/figures?from=&to=` the region's figures as JSON, or `&format=csv` as a CSV download. */
import { Hono } from "hono";
import { z } from "zod";
import { amsterdamDate } from "../../shared/dates";
import { calendarDateSchema } from "../../shared/schemas/dates";
import { writeAudit } from "../audit/log";
import { type AppEnv, auditActor, parseQuery, requireActor } from "../context";
import { csvLines } from "../csv";
import { errors } from "../errors";
import { authorize } from "../policy";
import { type Figures, queryFigures } from "../queries/figures";

const figuresQuery = z.object({
  from: calendarDateSchema.optional(),
  to: calendarDateSchema.optional(),
  format: z.enum(["json", "csv"]).optional(),
});

/**
 * The figures as CSV for a Dutch spreadsheet: one row per figure, `onderdeel;categorie;waarde`,
 * separated by semicolons and with a decimal comma (Excel in Dutch reads a comma-separated file as
 * one column), phases in words.
 */
export function figuresCsv(f: Figures): string {
  const rows: (string | number | null)[][] = [["onderdeel", "categorie", "waarde"]];
  rows.push(["periode", "van", f.period.from], ["periode", "tot en met", f.period.to]);
  for (const p of f.casesPerPhase) rows.push(["casussen per fase", p.phase.replaceAll("_", " "), p.count]);
  rows.push(
    ["aanmelding tot eerste overleg", "casussen", f.registrationToFirstConference.cases],
    ["aanmelding tot eerste overleg", "mediaan dagen", f.registrationToFirstConference.medianDays],
    ["actiepunten", "verlopen termijn", f.actions.due],
    ["actiepunten", "op tijd gereed", f.actions.doneOnTime],
    [
      "actiepunten",
      "aandeel op tijd",
      f.actions.shareOnTime === null ? null : f.actions.shareOnTime.toFixed(3).replace(".", ","),
    ],
    ["actiepunten", "te laat", f.actions.late],
    ["escalaties", "totaal", f.escalations],
  );
  for (const o of f.byOrganisation) {
    // Actions of someone without an organisation (an ervaringsdeskundige) and escalations of a whole
    // case: the page's words (fig.caseLevel).
    const name = o.organisationName ?? "zonder organisatie (ervaringsdeskundige of de casus zelf)";
    rows.push(
      ["per organisatie: actiepunten", name, o.actionsDue],
      ["per organisatie: op tijd gereed", name, o.doneOnTime],
      ["per organisatie: te laat", name, o.late],
      ["per organisatie: escalaties", name, o.escalations],
    );
  }
  return csvLines(rows, ";");
}

export const figureRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const actor = requireActor(c);
  const { database, clock } = c.get("deps");
  const now = clock.now();
  try {
    authorize(actor, "figures:view", null);
  } catch (e) {
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "refused", objectType: "figures", outcome: "refused" },
      now,
    );
    throw e;
  }
  const q = parseQuery(c, figuresQuery);
  const today = amsterdamDate(now);
  const to = q.to ?? today;
  const from = q.from ?? `${to.slice(0, 4)}-01-01`;
  if (from > to)
    throw errors.invalidInput([{ path: "from", message: "De begindatum ligt na de einddatum." }]);
  const figures = await queryFigures(database.db, actor.region, { from, to }, today);
  const csv = q.format === "csv";
  await writeAudit(
    database.db,
    auditActor(c),
    { action: csv ? "export" : "read", objectType: "figures", outcome: "success", details: { from, to } },
    now,
  );
  if (csv) {
    c.header("Content-Type", "text/csv; charset=utf-8");
    c.header("Content-Disposition", `attachment; filename="cijfers-${from}-${to}.csv"`);
    return c.body(`\uFEFF${figuresCsv(figures)}`);
  }
  return c.json(figures);
});
