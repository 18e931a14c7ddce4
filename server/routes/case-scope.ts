/** Loads a case for a route: the actor, what they are to it, and 404 when it is hidden. */

import type { MiddlewareHandler } from "hono";
import { requestObject } from "../audit/break-glass";
import { writeAudit } from "../audit/log";
import { type AppContext, type AppEnv, auditActor, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import {
  type Actor,
  authorize,
  type CaseAccess,
  can,
  loadCaseAccess,
  type PolicyAction,
  type PolicySubjects,
} from "../policy";

/** The actor and their access to the case in the path (param `caseId` by default). */
export async function caseScope(
  c: AppContext,
  caseId: string = uuidParam(c, "caseId"),
): Promise<{ actor: Actor; access: CaseAccess }> {
  const actor = requireActor(c);
  const { database, clock } = c.get("deps");
  const access = await loadCaseAccess(database.db, actor, caseId, clock.now());
  if (!access) throw errors.notFound("Casus niet gevonden.");
  if (!can(actor, "case:view", access) && !access.breakGlass) {
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "refused", objectType: "case", objectId: caseId, caseId, outcome: "refused" },
      clock.now(),
    );
    throw errors.notFound("Casus niet gevonden.");
  }
  if (access.breakGlass && access.role === null && !can(actor, "case:view", access)) {
    // A grant counts only while its holder is still a coordinator of the region.
    throw errors.notFound("Casus niet gevonden.");
  }
  // Every request made under break-glass is flagged: by the route's own read when it records one
  // (`auditCaseRead`), else by a request row when the request ends (`breakGlassRequests`).
  if (access.breakGlass && access.role === null) c.set("breakGlassRequest", { caseId, at: clock.now() });
  return { actor, access };
}

/**
 * Middleware: writes the flagged row of a request made under break-glass whose route recorded no
 * read of its own (one that records none, one that failed), naming what was asked for by the route
 * (never the path: it holds what the client sent). Written before the answer leaves: a failed write
 * fails the request, as a route's own audit write does.
 */
export function breakGlassRequests(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    const pending = c.get("breakGlassRequest");
    if (!pending) return;
    c.set("breakGlassRequest", undefined);
    await writeAudit(
      c.get("deps").database.db,
      auditActor(c),
      {
        action: "read",
        objectType: "case_request",
        objectId: requestObject(c.req.routePath),
        caseId: pending.caseId,
        outcome: c.res.status < 400 ? "success" : "failure",
        breakGlass: true,
        details: { route: c.req.routePath, method: c.req.method, status: c.res.status },
      },
      pending.at,
    );
  };
}

/** `authorize`, but a refusal is written to the audit log first (NEN 7513 logs refusals too). */
export async function authorizeAudited<A extends PolicyAction>(
  c: AppContext,
  actor: Actor,
  action: A,
  subject: PolicySubjects[A] & CaseAccess,
): Promise<void> {
  if (can(actor, action, subject)) return;
  const { database, clock } = c.get("deps");
  await writeAudit(
    database.db,
    auditActor(c, subject.role),
    {
      action: "refused",
      objectType: "case",
      objectId: subject.caseId,
      caseId: subject.caseId,
      outcome: "refused",
      details: { policy: action },
    },
    clock.now(),
  );
  authorize(actor, action, subject);
}

/**
 * Records a successful read or export of case data. Reads made under break-glass by someone who is
 * not a member are flagged, so they show up for review in the trail.
 */
export async function auditCaseRead(
  c: AppContext,
  access: CaseAccess,
  entry: {
    action?: "read" | "export";
    objectType: string;
    objectId?: string;
    details?: Record<string, string | number | boolean | null>;
  },
): Promise<void> {
  const { database, clock } = c.get("deps");
  const breakGlass = access.role === null && access.breakGlass;
  // The request is recorded by this read: no separate request row (`breakGlassRequests`).
  if (breakGlass && c.get("breakGlassRequest")?.caseId === access.caseId)
    c.set("breakGlassRequest", undefined);
  await writeAudit(
    database.db,
    auditActor(c, access.role),
    {
      action: entry.action ?? "read",
      objectType: entry.objectType,
      objectId: entry.objectId ?? null,
      caseId: access.caseId,
      outcome: "success",
      breakGlass,
      details: entry.details,
    },
    clock.now(),
  );
}
