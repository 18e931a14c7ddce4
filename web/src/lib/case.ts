/** The case detail (`GET /api/cases/:caseId`), shared by every page of a case. */
import { createResource, type Resource } from "solid-js";
import type { CaseRole } from "../../../shared/domain";
import { api } from "./api";

/** A member of a case. */
export interface CaseMember {
  userId: string;
  name: string;
  role: CaseRole;
  organisation: { id: string; name: string } | null;
}

/** One plan section as the caller may use it. */
export interface CaseSection {
  key: string;
  read: "members" | "professionals" | "explicit";
  canRead: boolean;
  canEdit: boolean;
}

/** The case detail. */
export interface CaseDetail {
  id: string;
  reference: string;
  title: string;
  phase: string;
  categories: string[];
  registeredAt: string;
  myRole: string | null;
  members: CaseMember[];
  sections: CaseSection[];
  /** What the caller may do on this case. */
  permissions: {
    manageMembers: boolean;
    invite: boolean;
    viewAudit: boolean;
    breakGlass: boolean;
    readPlan: boolean;
  };
  /** The caller looks in by break-glass (not a member). */
  breakGlassActive: boolean;
}

/** Loads a case by id (reactive to the id). */
export function createCase(caseId: () => string): [Resource<CaseDetail>, { refetch: () => void }] {
  const [data, { refetch }] = createResource(caseId, (id) => api.get<CaseDetail>(`/cases/${id}`));
  return [data, { refetch }];
}
