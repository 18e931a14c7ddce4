/**
 * The audit trail of a case as a CSV for the person who asks "who read my file?", opened in Excel
 * in Dutch: separated by semicolons, with a byte order mark (else Excel reads the accents wrongly),
 * in the words of the Logboek page (its own dictionaries and labels, so the two never differ), times
 * in Amsterdam. The JSON export keeps the codes, for machines.
 */
import {
  type AuditTrailEntry,
  auditActionName,
  auditObjectName,
  auditOutcomeName,
  auditRequestObject,
  auditRoleName,
  auditSection,
  type Translate,
} from "../../shared/audit-labels";
// The web app's message tables (plain data): the file says what the page says, in the same words.
import { access } from "../../web/src/i18n/messages/access";
import { cases } from "../../web/src/i18n/messages/cases";
import { common } from "../../web/src/i18n/messages/common";
import { csvLines } from "../csv";

/** The language of an export: Dutch unless the reader's screen is in English. */
export type ExportLanguage = "nl" | "en";

const dictionaries: Record<ExportLanguage, Record<string, string>> = {
  nl: { ...common.nl, ...access.nl, ...cases.nl },
  en: { ...common.en, ...access.en, ...cases.en },
};

/** The web app's `t` for one language: Dutch where English lacks a text, else the key. */
const translator =
  (language: ExportLanguage): Translate =>
  (key) =>
    dictionaries[language][key] ?? dictionaries.nl[key] ?? key;

/** Date and time in Amsterdam, "14-11-2026 09:05:03" (English "14/11/2026 09:05:03"), which Excel reads as such. */
function amsterdamDateTime(at: string, language: ExportLanguage): string {
  const parts = new Intl.DateTimeFormat("en-GB", {
    timeZone: "Europe/Amsterdam",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(new Date(at));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? "";
  const sep = language === "nl" ? "-" : "/";
  return `${part("day")}${sep}${part("month")}${sep}${part("year")} ${part("hour")}:${part("minute")}:${part("second")}`;
}

/** The trail as CSV text, byte order mark included, oldest entry first as given. */
export function auditTrailCsv(entries: readonly AuditTrailEntry[], language: ExportLanguage = "nl"): string {
  const t = translator(language);
  const header = [
    t("auditCsv.number"),
    t("audit.when"),
    t("audit.who"),
    t("auditCsv.role"),
    t("auditCsv.organisation"),
    t("audit.action"),
    t("auditCsv.object"),
    t("auditCsv.objectId"),
    t("audit.purpose"),
    t("audit.outcome"),
    t("audit.breakGlassFlag"),
    t("audit.address"),
  ];
  const rows = entries.map((e) => [
    e.id,
    amsterdamDateTime(e.at, language),
    e.user ? (e.user.name ?? t("audit.unknownUser")) : t("audit.unknownUser"),
    auditRoleName(t, e.role),
    e.organisation?.name ?? "",
    auditActionName(t, e.action),
    auditObjectName(t, language, e),
    // A section is named by its title already, its id would only repeat the case's; what a request
    // under break-glass read is named in words already.
    auditSection(e) || auditRequestObject(e) ? "" : (e.objectId ?? ""),
    e.purpose ?? "",
    auditOutcomeName(t, e.outcome),
    e.breakGlass ? t("auditCsv.yes") : t("auditCsv.no"),
    e.clientAddress ?? "",
  ]);
  return `\uFEFF${csvLines([header, ...rows], ";")}`;
}
