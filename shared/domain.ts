/** Domain enums shared by server, web and database (glossary: ../DOMAIN.md of the handbook). */

/** Phases of gefaseerde ketenzorg, in order. */
export const phases = [
  "veiligheid",
  "risicogestuurde_zorg",
  "herstelgerichte_zorg",
  "afgeschaald",
  "gesloten",
] as const;
export type Phase = (typeof phases)[number];

/** Case categories; the prioritised ones allow no waiting list. */
export const caseCategories = [
  "kinderen",
  "intiem_terreur",
  "ouderenmishandeling",
  "eergerelateerd_geweld",
  "huisverbod",
  "overig",
] as const;
export type CaseCategory = (typeof caseCategories)[number];

/** Categories that must be picked up without a waiting list. */
export const prioritisedCategories: readonly CaseCategory[] = [
  "kinderen",
  "ouderenmishandeling",
  "eergerelateerd_geweld",
  "huisverbod",
];

/** Roles a member holds on one case. */
export const caseRoles = ["chair", "caseDirector", "professional", "expertByExperience", "observer"] as const;
export type CaseRole = (typeof caseRoles)[number];

/** Roles a user holds across the region. */
export const globalRoles = ["none", "coordinator", "admin"] as const;
export type GlobalRole = (typeof globalRoles)[number];

/** Kinds of organisation taking part in MDA++. */
export const organisationKinds = [
  "veilig_thuis",
  "lokaal_team",
  "politie",
  "openbaar_ministerie",
  "reclassering",
  "ggz",
  "vrouwenopvang",
  "raad_kinderbescherming",
  "jeugdbescherming",
  "zorg_en_veiligheidshuis",
  "gemeente",
  "overig",
] as const;
export type OrganisationKind = (typeof organisationKinds)[number];

export const conferenceStatuses = ["scheduled", "in_progress", "ended"] as const;
export type ConferenceStatus = (typeof conferenceStatuses)[number];

export const decisionStatuses = ["proposed", "adopted", "withdrawn"] as const;
export type DecisionStatus = (typeof decisionStatuses)[number];

export const positions = ["agree", "abstain", "object"] as const;
export type Position = (typeof positions)[number];

export const actionStatuses = ["open", "in_progress", "done", "cancelled"] as const;
export type ActionStatus = (typeof actionStatuses)[number];

/** Why an action is late: the two reasons MDA++ distinguishes. */
export const lateReasons = ["circumstances_changed", "not_carried_out"] as const;
export type LateReason = (typeof lateReasons)[number];

/** Escalation ladder after the Aanpak Voorkomen Escalatie. */
export const escalationLevels = ["caseDirector", "coordinator", "management", "bestuurlijk_overleg"] as const;
export type EscalationLevel = (typeof escalationLevels)[number];

/** Who raises an escalation, as far as the ladder is concerned. */
export type EscalationRaiser = "coordinator" | "caseDirector" | "other";

/**
 * The lowest level an escalation may go to: the level above whoever raises it (the procesregisseur
 * raises to management, the casusregisseur to the procesregisseur); anyone else starts at the
 * casusregisseur, unless the action is the casusregisseur's own (it does not go to the person it is
 * about: up to the procesregisseur then).
 */
export function lowestEscalationLevel(raiser: EscalationRaiser, aboutCaseDirector: boolean): EscalationLevel {
  if (raiser === "coordinator") return "management";
  if (raiser === "caseDirector" || aboutCaseDirector) return "coordinator";
  return "caseDirector";
}

/**
 * The level an escalation goes to: one above the open one (the first without one), but never below
 * `lowest` (`lowestEscalationLevel`). Null when the open one is at the top already.
 */
export function nextEscalationLevel(
  open: EscalationLevel | null,
  lowest: EscalationLevel,
): EscalationLevel | null {
  const next = open ? escalationLevels.indexOf(open) + 1 : 0;
  if (next >= escalationLevels.length) return null;
  return escalationLevels[Math.max(next, escalationLevels.indexOf(lowest))];
}

/** What an audit entry records (NEN 7513). */
export const auditActions = [
  "create",
  "read",
  "update",
  "delete",
  "export",
  "login",
  "logout",
  "refused",
  "break_glass",
] as const;
export type AuditAction = (typeof auditActions)[number];

/** A uuid in lower case, as the database writes it (for building patterns). */
export const uuidText = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";
const anyCaseUuid = new RegExp(`^${uuidText}$`, "i");

/** Whether a value is a uuid, in either case (PostgreSQL reads both). */
export function isUuid(value: string): boolean {
  return anyCaseUuid.test(value);
}
