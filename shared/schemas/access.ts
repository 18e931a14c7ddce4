/** Input schemas for cases, members, invitations, break-glass, administration and the audit trail. */
import { z } from "zod";
import "./messages";
import {
  auditActions,
  type CaseRole,
  caseCategories,
  caseRoles,
  globalRoles,
  organisationKinds,
} from "../domain";
import { calendarDateSchema, instantSchema } from "./dates";

const email = z.string().trim().toLowerCase().email("Vul een geldig e-mailadres in.").max(254);
const name = z.string().trim().min(1, "Vul een naam in.").max(200);
const uuid = z.string().uuid("Ongeldige verwijzing.");

export const createCaseInput = z.object({
  reference: z
    .string()
    .trim()
    .min(1, "Vul een kenmerk in.")
    .max(50)
    .regex(/^[A-Za-z0-9._-]+$/, "Gebruik alleen letters, cijfers, punt, streep en liggend streepje."),
  title: z.string().trim().min(1, "Vul een aanduiding van het huishouden in.").max(200),
  categories: z
    .array(z.enum(caseCategories))
    .max(caseCategories.length)
    .default([])
    .transform((c) => [...new Set(c)]),
});

export const addMemberInput = z.object({ userId: uuid, role: z.enum(caseRoles) });

export const changeMemberRoleInput = z.object({ role: z.enum(caseRoles) });

/** The last day of the huisverbod in force, or null when it has been lifted or was never set. */
/** A huisverbod in force: the day it was imposed and its last day; `until: null` lifts it. */
export const restrainingOrderInput = z
  .object({ from: calendarDateSchema.nullable().default(null), until: calendarDateSchema.nullable() })
  .refine((v) => v.until === null || v.from !== null, {
    path: ["from"],
    message: "Vul in op welke dag het huisverbod is opgelegd.",
  });

export const sectionReadersInput = z.object({ userIds: z.array(uuid).max(200) });

export const createInvitationInput = z.object({
  name,
  email,
  // The case director is from the lokaal team and has an account there: added, not invited.
  role: z
    .enum(caseRoles.filter((r) => r !== "caseDirector") as [CaseRole, ...CaseRole[]], {
      error: "Een casusregisseur wordt als lid toegevoegd, niet uitgenodigd.",
    })
    .default("expertByExperience"),
});

export const acceptInvitationInput = z.object({
  password: z.string().min(1, "Kies een wachtwoord.").max(1024),
});

/** The shortest reason for emergency access the server takes (the form says so up front). */
export const breakGlassReasonMin = 10;

export const breakGlassInput = z.object({
  reason: z
    .string()
    .trim()
    .min(breakGlassReasonMin, `Geef een reden van minstens ${breakGlassReasonMin} tekens.`)
    .max(500),
});

export const createOrganisationInput = z.object({ name, kind: z.enum(organisationKinds) });

export const createUserInput = z.object({
  name,
  email,
  organisationId: uuid.nullable().default(null),
  globalRole: z.enum(globalRoles).default("none"),
});

/** An account's changes by an admin: only the fields sent change. The e-mail address (the login) stays. */
export const updateUserInput = z
  .object({
    name: name.optional(),
    organisationId: uuid.nullable().optional(),
    globalRole: z.enum(globalRoles).optional(),
  })
  .refine((v) => v.name !== undefined || v.organisationId !== undefined || v.globalRole !== undefined, {
    message: "Geef aan wat er verandert.",
    path: ["(body)"],
  });

export const auditQuery = z.object({
  action: z.enum(auditActions).optional(),
  userId: uuid.optional(),
  outcome: z.enum(["success", "refused", "failure"]).optional(),
  breakGlass: z.enum(["true", "false"]).optional(),
  from: instantSchema.optional(),
  to: instantSchema.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  before: z.coerce.number().int().min(1).optional(),
});

export const auditExportQuery = z.object({ format: z.enum(["csv", "json"]).default("json") });

export const changePasswordInput = z.object({
  currentPassword: z.string().min(1, "Vul uw huidige wachtwoord in.").max(1024),
  newPassword: z.string().min(1, "Kies een nieuw wachtwoord.").max(1024),
});

/**
 * One emergency access (break-glass) to a case as the case detail shows it to its chair and case
 * director: who, from which organisation, from when to when, and the reason they stated.
 */
export interface BreakGlassAccess {
  id: string;
  user: { id: string; name: string };
  organisation: { id: string; name: string } | null;
  /** The reason the reader stated when asking for it. */
  reason: string;
  /** When it was granted, and when it ends or ended (instants). */
  from: string;
  until: string;
  /** It has not ended yet: the reader can read the case now. */
  active: boolean;
}
