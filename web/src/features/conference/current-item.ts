/** Which agenda item a running conference is discussing now (the agenda and the panel both show it). */
import type { ConferenceSummary } from "./types";

/**
 * The position of the item now in discussion; only a running conference has one (an ended one
 * keeps its last). Without a marked item (a focus set before items could be marked) the item
 * about the section in focus is the one.
 */
export function currentAgendaIndex(c: ConferenceSummary): number | null {
  if (c.status !== "in_progress") return null;
  if (c.currentAgendaIndex != null) return c.currentAgendaIndex;
  const at = c.focusSectionKey ? c.agenda.findIndex((item) => item.sectionKey === c.focusSectionKey) : -1;
  return at < 0 ? null : at;
}

/**
 * What the room is discussing now: the section in focus, or an agenda item without a plan section
 * ("Openstaande actiepunten", a free-text item) by its title.
 */
export function discussedNow(
  c: ConferenceSummary,
): { sectionKey: string } | { sectionKey: null; title: string } | null {
  if (c.status !== "in_progress") return null;
  const index = currentAgendaIndex(c);
  const item = index === null ? undefined : c.agenda[index];
  if (item && !item.sectionKey) return { sectionKey: null, title: item.title };
  return c.focusSectionKey ? { sectionKey: c.focusSectionKey } : null;
}
