/** Which plan sections the workspace shows, how they are grouped, and where it opens. */
import type { Phase } from "../../../../shared/domain";
import { phases } from "../../../../shared/domain";
import { planTemplate, type SectionTemplate } from "../../../../shared/plan";
import type { CaseSection } from "../../lib/case";

/** A section the user may read, with its template and rights. */
export interface ReadableSection {
  template: SectionTemplate;
  canEdit: boolean;
}

/** The sections the user may read, in template order. Unreadable ones are left out entirely. */
export function readableSections(sections: CaseSection[]): ReadableSection[] {
  const rights = new Map(sections.map((s) => [s.key, s]));
  return planTemplate
    .filter((t) => rights.get(t.key)?.canRead === true)
    .map((t) => ({ template: t, canEdit: rights.get(t.key)?.canEdit === true }));
}

/** Whether two lists of readable sections give the same rights (same sections, same edit rights). */
export function sameRights(a: ReadableSection[], b: ReadableSection[]): boolean {
  return (
    a.length === b.length &&
    a.every((s, i) => s.template.key === b[i].template.key && s.canEdit === b[i].canEdit)
  );
}

/** What changed for the user between two lists of readable sections (a new role, a reader list). */
export function rightsChanges(
  before: ReadableSection[],
  after: ReadableSection[],
): { gone: SectionTemplate[]; added: SectionTemplate[]; editable: string[]; readOnly: string[] } {
  const was = new Map(before.map((s) => [s.template.key, s]));
  const is = new Map(after.map((s) => [s.template.key, s]));
  const kept = after.filter((s) => was.has(s.template.key));
  return {
    gone: before.filter((s) => !is.has(s.template.key)).map((s) => s.template),
    added: after.filter((s) => !was.has(s.template.key)).map((s) => s.template),
    editable: kept.filter((s) => s.canEdit && !was.get(s.template.key)?.canEdit).map((s) => s.template.key),
    readOnly: kept.filter((s) => !s.canEdit && was.get(s.template.key)?.canEdit).map((s) => s.template.key),
  };
}

/** Readable sections grouped by the phase they matter most in, in phase order; empty groups dropped. */
export function groupByPhase(sections: ReadableSection[]): { phase: Phase; sections: ReadableSection[] }[] {
  return phases
    .map((phase) => ({ phase, sections: sections.filter((s) => s.template.phase === phase) }))
    .filter((g) => g.sections.length > 0);
}

/**
 * What a household in each phase needs first. In veiligheid the conference works on the concrete
 * agreements for now (directe veiligheid), then the non-negotiable conditions and the danger itself;
 * in risicogestuurde zorg on the care that treats what drives the violence; in herstelgerichte zorg
 * on monitoring the recovery; a stepped-down or closed case is read back from its monitoring.
 */
const phasePriority: Record<Phase, string[]> = {
  veiligheid: ["immediate_safety", "conditions", "concerns", "signals", "household"],
  risicogestuurde_zorg: ["care", "stable_safety", "signals", "monitoring"],
  herstelgerichte_zorg: ["monitoring", "care", "goals"],
  afgeschaald: ["monitoring", "signals", "household"],
  gesloten: ["monitoring", "household"],
};

/**
 * The section the workspace opens on: the first of the phase's priority list that the user may
 * read and that has text (an empty section is a poor first view in a 45-minute meeting); if none
 * has text, the first readable one of that list; otherwise the first readable section at all.
 * `hasText` is unknown (undefined) when the plan text could not be loaded.
 */
export function openingSection(
  phase: string,
  readable: ReadableSection[],
  hasText?: (key: string) => boolean,
): string | undefined {
  const keys = new Set<string>(readable.map((s) => s.template.key));
  const priority = (phasePriority[phase as Phase] ?? phasePriority.veiligheid).filter((k) => keys.has(k));
  const withText = hasText ? priority.find((k) => hasText(k)) : undefined;
  return withText ?? priority[0] ?? readable[0]?.template.key;
}

/** Caret colours: dark enough for white label text (contrast ≥ 4.5:1) and apart from each other. */
const palette = ["#1f5f99", "#8c2d19", "#1e6b2a", "#6b2c91", "#8a4b00", "#0f6b6b", "#a3195b", "#4d5a12"];

/** A stable colour for a user, derived from their id. */
export function colourFor(userId: string): string {
  let h = 0;
  for (const ch of userId) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return palette[h % palette.length];
}
