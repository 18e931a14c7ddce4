/**
 * The Logboek's words for the codes of an entry (role, action, object, outcome), for the page and
 * for the server's CSV export alike: who asks "who read my file?" gets in the file the words the
 * procesregisseur saw on screen. Pure, without Solid or the DOM: the caller passes its translation.
 */
import { type SectionTemplate, sectionTemplate } from "./plan";

/** One entry of the trail as the audit route presents it. */
export interface AuditTrailEntry {
  id: number;
  at: string;
  user: { id: string; name: string | null } | null;
  role: string | null;
  organisation: { id: string; name: string | null } | null;
  action: string;
  objectType: string;
  objectId: string | null;
  purpose: string | null;
  outcome: string;
  clientAddress: string | null;
  breakGlass: boolean;
}

/** Translates a key; answers the key itself when there is no text for it (as the app's `t`). */
export type Translate = (key: string) => string;

/** The text of a key, or undefined when there is none. */
const textOf = (t: Translate, key: string) => {
  const text = t(key);
  return text === key ? undefined : text;
};

/** A role name from a case role or a global role ("observer" → "Toehoorder", "coordinator" → "Procesregisseur"). */
export function auditRoleName(t: Translate, role: string | null): string {
  if (!role) return "";
  return textOf(t, `role.${role}`) ?? textOf(t, `globalRole.${role}`) ?? role;
}

/** What was done, in words ("read" → "Ingezien"); an unknown code as it is. */
export function auditActionName(t: Translate, action: string): string {
  return textOf(t, `auditAction.${action}`) ?? action;
}

/** How it ended, in words ("success" → "Gelukt"); an unknown code as it is. */
export function auditOutcomeName(t: Translate, outcome: string): string {
  return textOf(t, `outcome.${outcome}`) ?? outcome;
}

/**
 * The plan section an entry is about, if any: a section's id is `case:<id>:<key>` for the live
 * document, or the bare key for its reader list.
 */
export function auditSection(entry: {
  objectType: string;
  objectId: string | null;
}): SectionTemplate | undefined {
  if (entry.objectType !== "section" && entry.objectType !== "section_access") return undefined;
  return sectionTemplate(entry.objectId?.split(":").pop() ?? "");
}

/**
 * What a request made under break-glass read, when its entry names it (`server/audit/break-glass.ts`:
 * the route's object, an audit object type such as `plan`); undefined for an older entry that named
 * the HTTP method.
 */
export function auditRequestObject(entry: {
  objectType: string;
  objectId: string | null;
}): string | undefined {
  if (entry.objectType !== "case_request" || !entry.objectId || /^[A-Z]+$/.test(entry.objectId))
    return undefined;
  return entry.objectId;
}

/**
 * What an entry is about, in words: the object type the server wrote, for a plan section its title,
 * and for a request made under break-glass what it read ("verzoek: veiligheidsplan").
 */
export function auditObjectName(
  t: Translate,
  locale: "nl" | "en",
  entry: { objectType: string; objectId: string | null },
): string {
  const request = auditRequestObject(entry);
  if (request) {
    const object = textOf(t, `auditObject.${request}`) ?? request;
    return t("auditObject.requestFor").replace("{object}", object);
  }
  const name = textOf(t, `auditObject.${entry.objectType}`) ?? entry.objectType;
  const section = auditSection(entry);
  return section ? `${name} ‘${section.title[locale]}’` : name;
}

/**
 * What was done, in the Logboek's "Wat" column beside the break-glass flag: the flag already says
 * "Noodtoegang", so the grant itself says only that it was granted, not the word again.
 */
export function auditWhatName(t: Translate, entry: { action: string; breakGlass: boolean }): string {
  if (entry.action === "break_glass" && entry.breakGlass) return t("audit.breakGlassGranted");
  return auditActionName(t, entry.action);
}
