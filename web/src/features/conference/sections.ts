/** Plan section titles as the conference shows them. */
import { planTemplate } from "../../../../shared/plan";
import { locale } from "../../i18n";

/** Title of a plan section in the current language. */
export function sectionTitle(key: string): string {
  const s = planTemplate.find((p) => p.key === key);
  return s ? s.title[locale()] : key;
}
