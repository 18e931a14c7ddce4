/** Plan section titles as the conference shows them. */
import { planTemplate } from "../../../../shared/plan";
import { locale } from "../../i18n";

/** Title of a plan section in the current language. */
export function sectionTitle(key: string): string {
  const s = planTemplate.find((p) => p.key === key);
  return s ? s.title[locale()] : key;
}

/**
 * What an agenda item is called in the current language: an item about a plan section by that
 * section's title (the stored title is in the language it was planned in), any other as it was typed.
 */
export function agendaItemTitle(item: { title: string; sectionKey?: string }): string {
  const s = item.sectionKey ? planTemplate.find((p) => p.key === item.sectionKey) : undefined;
  return s ? s.title[locale()] : item.title;
}
