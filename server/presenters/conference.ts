/** Conferences as the API and the room state show them. */
import type { conferences } from "../../db/schema";
import { longDate } from "../../shared/dates";
import { sectionTemplate } from "../../shared/plan";
import { withoutPosition } from "../../shared/positions";
import type { ConferenceSummary, MinutesView } from "../../shared/schemas/conference";

type ConferenceRow = typeof conferences.$inferSelect;

/** A conference without its contents. */
export function presentConference(row: ConferenceRow): ConferenceSummary {
  return {
    id: row.id,
    caseId: row.caseId,
    status: row.status,
    scheduledAt: row.scheduledAt.toISOString(),
    durationMinutes: row.durationMinutes,
    startedAt: row.startedAt ? row.startedAt.toISOString() : null,
    endedAt: row.endedAt ? row.endedAt.toISOString() : null,
    agenda: row.agenda,
    focusSectionKey: row.focusSectionKey,
    currentAgendaIndex: row.currentAgendaIndex,
  };
}

const positionLabel = { agree: "eens", abstain: "onthouding", object: "bezwaar" } as const;
const statusLabel = { proposed: "voorgesteld", adopted: "vastgesteld", withdrawn: "ingetrokken" } as const;
const presenceLabel = { present: "aanwezig", absent: "afwezig", excused: "afgemeld" } as const;
const actionStatusLabel = {
  open: "open",
  in_progress: "bezig",
  done: "gereed",
  cancelled: "vervallen",
} as const;

const lateReasonLabel: Record<string, string> = {
  circumstances_changed: "omstandigheden gewijzigd",
  not_carried_out: "niet uitgevoerd",
};
const changeField: Record<string, string> = {
  status: "status",
  lateReason: "reden vertraging",
  dueDate: "uiterlijk",
  ownerUserId: "eigenaar",
};

/** One recorded change of a reviewed action, in words: the new value, then what it was (as the web page says it). */
function changeText(c: { field: string; from: string | null; to: string | null }): string {
  const value = (v: string | null) => {
    if (v === null) return "geen";
    if (c.field === "status") return actionStatusLabel[v as keyof typeof actionStatusLabel] ?? v;
    if (c.field === "lateReason") return lateReasonLabel[v] ?? v;
    if (c.field === "dueDate") return dutchDate(v);
    return inline(v);
  };
  const field = changeField[c.field] ?? c.field;
  // Nothing before (a first late reason): only what was recorded.
  return c.from === null ? `${field}: ${value(c.to)}` : `${field}: ${value(c.to)} (was: ${value(c.from)})`;
}

/** Amsterdam wall-clock time of an ISO instant, `24 november 2026 om 10:01`, as the web page writes it. */
function amsterdamTime(iso: string | null): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** A calendar date (`2026-12-01`) in Dutch words, `1 december 2026`; anything else as it is. */
const dutchDate = (date: string) => (/^\d{4}-\d{2}-\d{2}$/.test(date) ? longDate(date) : inline(date));

/**
 * An agenda item as the (Dutch) document names it: a plan section by its Dutch title, whatever
 * language it was planned in; any other item as it was typed.
 */
function dutchAgendaTitle(item: { title: string; sectionKey?: string }): string {
  const section = item.sectionKey ? sectionTemplate(item.sectionKey) : undefined;
  return section ? section.title.nl : item.title;
}

/** One line of user text, safe inside a Markdown list item (no headings, no raw HTML). */
function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`);
}

/** The minutes as a Markdown document (Dutch), for download. */
export function minutesMarkdown(m: MinutesView): string {
  const lines: string[] = [];
  lines.push(`# Verslag casusoverleg ${inline(m.case.reference)}`, "");
  lines.push(`- Casus: ${inline(m.case.title)}`);
  lines.push(`- Gepland: ${amsterdamTime(m.conference.scheduledAt)}`);
  lines.push(`- Begonnen: ${amsterdamTime(m.conference.startedAt)}`);
  lines.push(`- Afgesloten: ${amsterdamTime(m.conference.endedAt)}`);
  if (m.planVersions.length > 0) {
    lines.push(`- Planversie(s): ${m.planVersions.map((v) => `versie ${v.number}`).join(", ")}`);
  }
  lines.push("", "## Aanwezigheid", "");
  for (const a of m.attendance) {
    const org = a.organisation ? ` (${inline(a.organisation.name)})` : "";
    lines.push(
      `- ${inline(a.name)}${org}: ${a.present ? presenceLabel[a.present] : "aanwezigheid niet vastgelegd"}`,
    );
  }
  if (m.conference.agenda.length > 0) {
    lines.push("", "## Agenda", "");
    for (const item of m.conference.agenda) lines.push(`- ${inline(dutchAgendaTitle(item))}`);
  }
  lines.push("", "## Besluiten", "");
  if (m.decisions.length === 0) lines.push("Geen besluiten.");
  m.decisions.forEach((d, i) => {
    const version = d.planVersion ? `, planversie ${d.planVersion.number}` : "";
    lines.push(`${i + 1}. ${inline(d.text)} — *${statusLabel[d.status]}${version}*`);
    if (d.proposedBy) lines.push(`   - Voorgesteld door ${inline(d.proposedBy.name)}`);
    if (d.warningOverride)
      lines.push(`   - Reden ondanks waarschuwing intiem terreur: ${inline(d.warningOverride)}`);
    for (const p of d.positions) {
      const org = p.organisation ? ` (${inline(p.organisation.name)})` : "";
      const note = p.note ? `: ${inline(p.note)}` : "";
      lines.push(`   - ${inline(p.name)}${org}: ${positionLabel[p.position]}${note}`);
    }
    // Adopting does not wait for someone silent or on the phone; the record shows who was.
    for (const a of withoutPosition(d, m.attendance)) {
      const org = a.organisation ? ` (${inline(a.organisation.name)})` : "";
      lines.push(`   - ${inline(a.name)}${org}: geen standpunt`);
    }
  });
  if (m.reviewed.length > 0) {
    lines.push("", "## Besproken openstaande actiepunten", "");
    for (const r of m.reviewed) {
      const changes = r.changes.map(changeText);
      lines.push(`- ${inline(r.title)}${changes.length ? ` — ${changes.join("; ")}` : ""}`);
      for (const note of r.notes) lines.push(`  - Notitie: ${inline(note)}`);
    }
  }
  lines.push("", "## Actiepunten", "");
  if (m.actions.length === 0) lines.push("Geen actiepunten.");
  for (const a of m.actions) {
    const owner = a.owner ? inline(a.owner.name) : "—";
    const org = a.organisation ? ` (${inline(a.organisation.name)})` : "";
    lines.push(
      `- ${inline(a.title)} — ${owner}${org}, uiterlijk ${dutchDate(a.dueDate)}, ${actionStatusLabel[a.status]}`,
    );
    if (a.warningOverride)
      lines.push(`  - Reden ondanks waarschuwing intiem terreur: ${inline(a.warningOverride)}`);
  }
  lines.push("");
  return lines.join("\n");
}
