/** The safety-plan (veiligheidsplan) template: one Yjs document per section. */
import { type CaseRole, type Phase, uuidText } from "./domain";

/** Who may read a section: every member, professionals only, or an explicit list. */
export type SectionReadRule = "members" | "professionals" | "explicit";

/** One section of the safety plan. */
export interface SectionTemplate {
  key: SectionKey;
  title: { nl: string; en: string };
  guidance: { nl: string; en: string };
  read: SectionReadRule;
  /** The phase in which this section matters most (the workspace groups by it). */
  phase: Phase;
}

export const sectionKeys = [
  "household",
  "concerns",
  "risk",
  "conditions",
  "goals",
  "immediate_safety",
  "stable_safety",
  "signals",
  "child_voice",
  "lived_experience",
  "care",
  "monitoring",
  "confidential",
] as const;
export type SectionKey = (typeof sectionKeys)[number];

/** The plan template, in the order of `DOMAIN.md`. */
export const planTemplate: readonly SectionTemplate[] = [
  {
    key: "household",
    title: { nl: "Gezin en netwerk", en: "Household and network" },
    guidance: {
      nl: "Gezinsleden, kinderen en hun leeftijden, het netwerk, wie welke afspraak controleert.",
      en: "Household members, children and their ages, the network, who checks which agreement.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "concerns",
    title: { nl: "Grootste zorg", en: "Main concern" },
    guidance: {
      nl: "Feiten van eerdere schade, complicerende factoren, het huidige gevaar.",
      en: "Facts of past harm, complicating factors, the current danger.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "risk",
    title: { nl: "Risicotaxatie", en: "Risk assessment" },
    guidance: {
      nl: "Gebruikt instrument (bijv. RiHG, LIRIK, B-SAFER, DASH), uitkomst, datum, wie het scoorde.",
      en: "Instrument used (e.g. RiHG, LIRIK, B-SAFER, DASH), outcome, date, who scored it.",
    },
    read: "professionals",
    phase: "veiligheid",
  },
  {
    key: "conditions",
    title: { nl: "Veiligheidsvoorwaarden", en: "Safety conditions" },
    guidance: {
      nl: "Het niet-onderhandelbare minimum, vastgesteld door Veilig Thuis.",
      en: "The non-negotiable minimum set by Veilig Thuis.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "goals",
    title: { nl: "Doelen van het gezin", en: "Goals of the household" },
    guidance: { nl: "De toekomst die het gezin wil.", en: "The future the household wants." },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "immediate_safety",
    title: { nl: "Directe veiligheid", en: "Immediate safety" },
    guidance: {
      nl: "Concrete afspraken voor nu: wie doet wat, wanneer.",
      en: "Concrete agreements for now: who does what, by when.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "stable_safety",
    title: { nl: "Stabiele veiligheid", en: "Stable safety" },
    guidance: {
      nl: "Afspraken per doel en situatie, elk met een termijn en gevolgen.",
      en: "Agreements per goal and situation, each with a deadline and consequences.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "signals",
    title: { nl: "Signalenplan", en: "Warning signs plan" },
    guidance: {
      nl: "Vroege signalen, wie er actie onderneemt, crisisnummers.",
      en: "Early warning signs, who acts, crisis numbers.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "child_voice",
    title: { nl: "Stem van het kind", en: "Voice of the child" },
    guidance: {
      nl: "Wat de kinderen zeiden (bijv. Drie Huizen), een plan dat zij begrijpen.",
      en: "What the children said (e.g. Three Houses), a plan they can understand.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "lived_experience",
    title: { nl: "Inbreng ervaringsdeskundige", en: "Expert by experience" },
    guidance: {
      nl: "De visie en het advies van de ervaringsdeskundige.",
      en: "The view and advice of the expert by experience.",
    },
    read: "members",
    phase: "veiligheid",
  },
  {
    key: "care",
    title: { nl: "Risicogestuurde en herstelgerichte zorg", en: "Risk-driven and recovery care" },
    guidance: {
      nl: "Zorg per gezinslid (slachtoffer, pleger, kinderen).",
      en: "Care per household member (victim, perpetrator, children).",
    },
    read: "members",
    phase: "risicogestuurde_zorg",
  },
  {
    key: "monitoring",
    title: { nl: "Monitoring en evaluatie", en: "Monitoring and evaluation" },
    guidance: {
      nl: "Wie let op wat, de volgende evaluatie, criteria voor de volgende fase.",
      en: "Who watches what, the next evaluation, criteria for the next phase.",
    },
    read: "members",
    phase: "herstelgerichte_zorg",
  },
  {
    key: "confidential",
    title: { nl: "Afgeschermde informatie", en: "Restricted information" },
    guidance: {
      nl: "Politie- en justitie-informatie, een geheim opvangadres. Alleen zichtbaar voor de genoemde leden.",
      en: "Police and justice information, a secret shelter address. Visible only to the members named.",
    },
    read: "explicit",
    phase: "veiligheid",
  },
];

/** Looks up a section's template; undefined for an unknown key. */
export function sectionTemplate(key: string): SectionTemplate | undefined {
  return planTemplate.find((s) => s.key === key);
}

/** Whether a string is a known section key. */
export function isSectionKey(key: string): key is SectionKey {
  return (sectionKeys as readonly string[]).includes(key);
}

/** Case roles that count as "professionals" for section access. */
export const professionalRoles: readonly CaseRole[] = ["chair", "caseDirector", "professional"];

/** The Yjs document name of one section of one case. */
export function sectionDocName(caseId: string, key: SectionKey): string {
  return `case:${caseId}:${key}`;
}

const sectionDocPattern = new RegExp(`^case:(${uuidText}):([a-z_]+)$`);

/** Parses `case:<caseId>:<sectionKey>` (the case id a lower-case uuid); undefined when malformed. */
export function parseSectionDocName(name: string): { caseId: string; sectionKey: SectionKey } | undefined {
  const m = sectionDocPattern.exec(name);
  if (!m || !isSectionKey(m[2])) return undefined;
  return { caseId: m[1], sectionKey: m[2] };
}

/**
 * Whether a member with this case role may be named on an explicit list (the `confidential`
 * section): not an ervaringsdeskundige, who must not see police or justice information.
 */
export function mayBeNamedReader(role: CaseRole | null): boolean {
  return role !== null && role !== "expertByExperience";
}
