/** Conferences as the API and the room state show them. */
import type { conferences } from "../../db/schema";
import type { ConferenceSummary } from "../../shared/schemas/conference";

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

/** One recorded change of a reviewed action, in words. */
function changeText(c: { field: string; from: string | null; to: string | null }): string {
  const value = (v: string | null) => {
    if (v === null) return "—";
    if (c.field === "status") return actionStatusLabel[v as keyof typeof actionStatusLabel] ?? v;
    if (c.field === "lateReason") return lateReasonLabel[v] ?? v;
    return inline(v);
  };
  return `${changeField[c.field] ?? c.field}: ${value(c.from)} → ${value(c.to)}`;
}

/** Amsterdam wall-clock time of an ISO instant, `d-m-jjjj uu:mm`. */
function amsterdamTime(iso: string | null): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("nl-NL", {
    timeZone: "Europe/Amsterdam",
    dateStyle: "short",
    timeStyle: "short",
  }).format(new Date(iso));
}

/** One line of user text, safe inside a Markdown list item (no headings, no raw HTML). */
function inline(text: string): string {
  return text
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[\\`*_[\]<>#|]/g, (ch) => `\\${ch}`);
}

/** The minutes as a Markdown document (Dutch), for download. */
export function minutesMarkdown(m: import("../../shared/schemas/conference").MinutesView): string {
  const lines: string[] = [];
  lines.push(`# Verslag MDA++-overleg ${inline(m.case.reference)}`, "");
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
    for (const item of m.conference.agenda) lines.push(`- ${inline(item.title)}`);
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
      `- ${inline(a.title)} — ${owner}${org}, uiterlijk ${a.dueDate}, ${actionStatusLabel[a.status]}`,
    );
    if (a.warningOverride)
      lines.push(`  - Reden ondanks waarschuwing intiem terreur: ${inline(a.warningOverride)}`);
  }
  lines.push("");
  return lines.join("\n");
}
