/** The facts the policy decides on: who asks, and what they are to the case. */
import type { CaseCategory, CaseRole, EscalationLevel, GlobalRole, Phase } from "../../shared/domain";
import type { SectionKey } from "../../shared/plan";

/** The person asking. */
export interface Actor {
  id: string;
  globalRole: GlobalRole;
  organisationId: string | null;
  region: string;
}

/** What one actor is to one case, loaded once per request. */
export interface CaseAccess {
  caseId: string;
  region: string;
  phase: Phase;
  categories: CaseCategory[];
  /** The actor's role on the case, or null for a non-member. */
  role: CaseRole | null;
  /** Sections with an explicit reader list that name the actor. */
  explicitSections: SectionKey[];
  /** Whether the actor holds an active break-glass grant on the case. */
  breakGlass: boolean;
}

/** A section of a case. */
export interface SectionSubject {
  access: CaseAccess;
  sectionKey: SectionKey;
}

/** An action item of a case. */
export interface ActionSubject {
  access: CaseAccess;
  ownerUserId: string;
}

/** A decision of a case, with who proposed it. */
export interface DecisionSubject {
  access: CaseAccess;
  proposedBy: string;
}

/** An escalation of a case, with the level it went to. */
export interface EscalationSubject {
  access: CaseAccess;
  level: EscalationLevel;
}

/** Every action the policy decides, with the subject it is decided on. */
export interface PolicySubjects {
  "case:list": null;
  "case:create": null;
  "admin:manage": null;
  "action:overview": null;
  "figures:view": null;
  "case:view": CaseAccess;
  "case:manageMembers": CaseAccess;
  "case:invite": CaseAccess;
  "case:viewAudit": CaseAccess;
  "case:breakGlass": CaseAccess;
  "case:viewBreakGlass": CaseAccess;
  "case:changePhase": CaseAccess;
  "case:destroy": CaseAccess;
  "case:restrainingOrder": CaseAccess;
  "case:escalate": CaseAccess;
  "plan:read": CaseAccess;
  "section:read": SectionSubject;
  "section:edit": SectionSubject;
  "conference:view": CaseAccess;
  "conference:join": CaseAccess;
  "conference:schedule": CaseAccess;
  "conference:chair": CaseAccess;
  "decision:view": CaseAccess;
  "decision:propose": CaseAccess;
  "decision:position": CaseAccess;
  "decision:adopt": CaseAccess;
  "action:view": CaseAccess;
  "action:create": CaseAccess;
  "action:update": ActionSubject;
  "action:assign": CaseAccess;
  "decision:withdraw": DecisionSubject;
  "conference:raiseHand": CaseAccess;
  "escalation:resolve": EscalationSubject;
}

/** The name of a policy action. */
export type PolicyAction = keyof PolicySubjects;
