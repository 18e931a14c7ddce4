/** The case detail (`GET /api/cases/:caseId`), shared by every page of a case. */
import { createResource, onCleanup, type Resource } from "solid-js";
import type { CaseRole } from "../../../shared/domain";
import type { BreakGlassAccess } from "../../../shared/schemas/access";
import { api } from "./api";
import { useSocket } from "./socket";

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

/** How long a closed case is kept; the API sends it only for a case in phase `gesloten`. */
export interface CaseRetention {
  /** When the case was closed (an instant). */
  closedAt: string;
  /** The first day (YYYY-MM-DD) the file may be destroyed. */
  until: string;
  /** That day has come. */
  due: boolean;
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
  /** `null` while the case is not closed. */
  retention: CaseRetention | null;
  /** The last day of the huisverbod in force (`YYYY-MM-DD`), or null. */
  restrainingOrderFrom: string | null;
  restrainingOrderUntil: string | null;
  members: CaseMember[];
  sections: CaseSection[];
  /** What the caller may do on this case. */
  permissions: {
    manageMembers: boolean;
    invite: boolean;
    viewAudit: boolean;
    breakGlass: boolean;
    readPlan: boolean;
    /** Destroy the file once its retention has passed (the region's coordinator). */
    destroy: boolean;
    /** Set or lift the huisverbod's last day (chair, case director, coordinator). */
    restrainingOrder: boolean;
    /** Give actions to others, move their due dates and cancel them (`action:assign`). */
    assignActions?: boolean;
  };
  /** The caller looks in by break-glass (not a member). */
  breakGlassActive: boolean;
  /** Until when that access lasts (null when it is not active). */
  breakGlassUntil: string | null;
  /**
   * Who read the case by emergency access in the last 30 days (or reads it now), the latest first;
   * sent only to the chair and the case director.
   */
  breakGlassAccesses?: BreakGlassAccess[];
}

/**
 * Loads a case by id (reactive to the id), and again whenever the server says who is on it changed
 * (`case:changed`): a new case director, role or reader shows on every open page without a reload,
 * and so do the caller's own new rights, or that the case is gone (removed, destroyed).
 * A socket that was away (network lost, laptop asleep) missed those words: when it connects again,
 * the case is loaded again, so a member removed meanwhile stops knocking at plan sections they may
 * no longer open, and sees why.
 */
export function createCase(caseId: () => string): [Resource<CaseDetail>, { refetch: () => void }] {
  const [data, { refetch }] = createResource(caseId, (id) => api.get<CaseDetail>(`/cases/${id}`));
  const { socket } = useSocket();
  const onChanged = (info: { caseId: string }) => {
    if (info.caseId === caseId()) void refetch();
  };
  let wasConnected = socket.connected;
  const onConnect = () => {
    if (wasConnected) void refetch();
    wasConnected = true;
  };
  socket.on("case:changed", onChanged);
  socket.on("connect", onConnect);
  onCleanup(() => {
    socket.off("case:changed", onChanged);
    socket.off("connect", onConnect);
  });
  return [data, { refetch }];
}

/** The members who hold the lead of a case: its case director (one at most) and its chairs. */
export function caseLead(members: CaseMember[]): { director?: CaseMember; chairs: CaseMember[] } {
  return {
    director: members.find((m) => m.role === "caseDirector"),
    chairs: members.filter((m) => m.role === "chair"),
  };
}

/** Destroys a closed case whose retention has passed, with its reference typed as confirmation. */
export function destroyCase(caseId: string, reference: string): Promise<{ reference: string }> {
  return api.delete<{ reference: string }>(`/cases/${caseId}`, { reference });
}
