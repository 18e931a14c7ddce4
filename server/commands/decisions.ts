/**
 * Decisions: propose, record a position, adopt (stores a plan version), withdraw. One code path for
 * the socket intents and REST; each write is one transaction with its audit entry.
 */
import { and, asc, eq, inArray, type SQL } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import {
  attendance,
  decisionPositions,
  decisions,
  organisations,
  planVersions,
  users,
} from "../../db/schema";
import type { Position } from "../../shared/domain";
import { AppError, errors } from "../errors";
import type { CaseAccess } from "../policy";
import { type DecisionView, type People, presentDecision } from "../presenters/decision";
import { auditCommand, authorizeAudited, type CommandActor } from "./case-command";
import { createPlanVersion } from "./plan-version";
import { requireWarningReason } from "./text-warnings";

/** Names and organisations of users, for presenting. */
export async function loadPeople(db: Db | Tx, ids: Iterable<string>): Promise<People> {
  const list = [...new Set(ids)];
  const people: People = new Map();
  if (list.length === 0) return people;
  const rows = await db
    .select({ id: users.id, name: users.name, orgId: organisations.id, orgName: organisations.name })
    .from(users)
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(inArray(users.id, list));
  for (const r of rows) {
    people.set(r.id, {
      name: r.name,
      organisation: r.orgId && r.orgName !== null ? { id: r.orgId, name: r.orgName } : null,
    });
  }
  return people;
}

/** Decisions matching `where`, in the order proposed, with positions and plan versions. */
export async function loadDecisionViews(db: Db | Tx, where: SQL | undefined): Promise<DecisionView[]> {
  const rows = await db
    .select()
    .from(decisions)
    .where(where)
    .orderBy(asc(decisions.proposedAt), asc(decisions.id));
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const positions = await db
    .select()
    .from(decisionPositions)
    .where(inArray(decisionPositions.decisionId, ids))
    .orderBy(asc(decisionPositions.recordedAt), asc(decisionPositions.userId));
  const versionIds = rows.map((r) => r.planVersionId).filter((v): v is string => v !== null);
  const versions = versionIds.length
    ? await db
        .select({ id: planVersions.id, number: planVersions.number })
        .from(planVersions)
        .where(inArray(planVersions.id, versionIds))
    : [];
  const people = await loadPeople(db, [
    ...rows.flatMap((r) => [r.proposedBy, ...(r.adoptedBy ? [r.adoptedBy] : [])]),
    ...positions.map((p) => p.userId),
  ]);
  return rows.map((r) =>
    presentDecision(
      r,
      positions.filter((p) => p.decisionId === r.id),
      people,
      versions.find((v) => v.id === r.planVersionId) ?? null,
    ),
  );
}

/** One decision, presented. */
export async function loadDecisionView(db: Db | Tx, id: string): Promise<DecisionView> {
  const [view] = await loadDecisionViews(db, eq(decisions.id, id));
  if (!view) throw errors.notFound("Besluit niet gevonden.");
  return view;
}

/** The decisions of a case. */
export function listCaseDecisions(db: Db | Tx, caseId: string): Promise<DecisionView[]> {
  return loadDecisionViews(db, eq(decisions.caseId, caseId));
}

/** Throws unless the conference is in progress. */
export function requireInProgress(status: string): void {
  if (status !== "in_progress") {
    throw new AppError("not_in_progress", "Dit kan alleen tijdens een lopend overleg.");
  }
}

/** A decision with its conference's status; 404 when unknown. */
export async function loadDecisionRow(db: Db | Tx, decisionId: string) {
  const [row] = await db.select().from(decisions).where(eq(decisions.id, decisionId)).limit(1);
  if (!row) throw errors.notFound("Besluit niet gevonden.");
  return row;
}

function requireOpen(row: { status: string }): void {
  if (row.status !== "proposed") {
    throw new AppError(
      "decision_closed",
      row.status === "adopted"
        ? "Dit besluit is vastgesteld en kan niet meer veranderen."
        : "Dit besluit is ingetrokken.",
    );
  }
}

/** Proposes a decision in a running conference: everyone but observers. */
export async function proposeDecision(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: { id: string; status: string },
  input: { text: string; warningOverride?: string },
  now: Date,
): Promise<DecisionView> {
  await authorizeAudited(db, actor, access, "decision:propose", access, { type: "decision" }, now);
  requireInProgress(conference.status);
  const warningOverride = requireWarningReason(access, input.text, input.warningOverride);
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(decisions)
      .values({
        caseId: access.caseId,
        conferenceId: conference.id,
        text: input.text,
        proposedBy: actor.id,
        proposedAt: now,
        warningOverride,
      })
      .returning({ id: decisions.id });
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "create",
        objectType: "decision",
        objectId: row.id,
        details: { conferenceId: conference.id, warningOverride: warningOverride !== null },
      },
      now,
    );
    return row.id;
  });
  return loadDecisionView(db, id);
}

/** Records (or changes) the actor's position: participants who are present; an objection needs a note. */
export async function recordPosition(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: { id: string; status: string },
  decisionId: string,
  input: { position: Position; note?: string },
  now: Date,
): Promise<DecisionView> {
  const object = { type: "decision", id: decisionId };
  await authorizeAudited(db, actor, access, "decision:position", access, object, now);
  requireInProgress(conference.status);
  const [present] = await db
    .select({ present: attendance.present })
    .from(attendance)
    .where(and(eq(attendance.conferenceId, conference.id), eq(attendance.userId, actor.id)))
    .limit(1);
  if (present?.present !== "present") {
    throw errors.forbidden("Alleen aanwezige deelnemers geven een standpunt.");
  }
  await db.transaction(async (tx) => {
    const row = await loadDecisionRow(tx, decisionId);
    requireOpen(row);
    const note = input.note ? input.note : null;
    await tx
      .insert(decisionPositions)
      .values({ decisionId, userId: actor.id, position: input.position, note, recordedAt: now })
      .onConflictDoUpdate({
        target: [decisionPositions.decisionId, decisionPositions.userId],
        set: { position: input.position, note, recordedAt: now },
      });
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "update",
        objectType: "decision",
        objectId: decisionId,
        details: { position: input.position },
      },
      now,
    );
  });
  return loadDecisionView(db, decisionId);
}

/** Adopts a proposed decision (chair): final from then on, and stores the plan version of this moment. */
export async function adoptDecision(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: { id: string; status: string },
  decisionId: string,
  now: Date,
): Promise<DecisionView> {
  const object = { type: "decision", id: decisionId };
  await authorizeAudited(db, actor, access, "decision:adopt", access, object, now);
  requireInProgress(conference.status);
  await db.transaction(async (tx) => {
    const row = await loadDecisionRow(tx, decisionId);
    requireOpen(row);
    const version = await createPlanVersion(
      tx,
      access.caseId,
      { conferenceId: conference.id, createdBy: actor.id },
      now,
    );
    // The status guard makes a second, concurrent adoption change nothing.
    const updated = await tx
      .update(decisions)
      .set({ status: "adopted", adoptedBy: actor.id, adoptedAt: now, planVersionId: version.id })
      .where(and(eq(decisions.id, decisionId), eq(decisions.status, "proposed")))
      .returning({ id: decisions.id });
    if (updated.length === 0) throw new AppError("decision_closed", "Dit besluit is al vastgesteld.");
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "update",
        objectType: "decision",
        objectId: decisionId,
        details: { status: "adopted", planVersion: version.number },
      },
      now,
    );
  });
  return loadDecisionView(db, decisionId);
}

/** Withdraws a proposed decision (its proposer or the chair); it stays visible as withdrawn. */
export async function withdrawDecision(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: { id: string; status: string },
  decisionId: string,
  now: Date,
): Promise<DecisionView> {
  const current = await loadDecisionRow(db, decisionId);
  const object = { type: "decision", id: decisionId };
  await authorizeAudited(
    db,
    actor,
    access,
    "decision:withdraw",
    { access, proposedBy: current.proposedBy },
    object,
    now,
  );
  requireInProgress(conference.status);
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(decisions)
      .set({ status: "withdrawn", withdrawnAt: now })
      .where(and(eq(decisions.id, decisionId), eq(decisions.status, "proposed")))
      .returning({ id: decisions.id });
    if (updated.length === 0) requireOpen(await loadDecisionRow(tx, decisionId));
    await auditCommand(
      tx,
      actor,
      access,
      { action: "update", objectType: "decision", objectId: decisionId, details: { status: "withdrawn" } },
      now,
    );
  });
  return loadDecisionView(db, decisionId);
}
