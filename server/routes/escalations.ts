/**
 * Escalations after the Aanpak Voorkomen Escalatie: `GET /api/escalations` (open by default),
 * `GET /api/escalations/next-level?caseId` the level escalating the case would go to,
 * `POST /api/escalations` {caseId, actionId?, reason} raises a case or an action one level above its
 * current open escalation and at least above whoever raises it, `POST /api/escalations/:id/resolve`
 * {outcome} closes one (the level it went to does, `escalation:resolve`).
 */
import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import type { Db, Tx } from "../../db/client";
import { actionItems, caseMembers, escalations } from "../../db/schema";
import { type EscalationLevel, nextEscalationLevel } from "../../shared/domain";
import { writeAudit } from "../audit/log";
import { type AppEnv, auditActor, parseJson, parseQuery, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import { notifierOf } from "../notify";
import { type Actor, type CaseAccess, can } from "../policy";
import { presentEscalation } from "../presenters/follow-up";
import { lowestLevelFor, queryEscalations } from "../queries/escalations";
import { authorizeAudited, caseScope } from "./case-scope";

const text = (what: string) =>
  z
    .string()
    .trim()
    .min(3, `Geef ${what} op (minstens 3 tekens).`)
    .max(2000, `${what[0].toUpperCase()}${what.slice(1)} is te lang.`);

/** Dutch names of the levels, for the outcome of an escalation that was raised a level. */
const levelNames: Record<EscalationLevel, string> = {
  caseDirector: "casusregisseur",
  coordinator: "procesregisseur",
  management: "management",
  bestuurlijk_overleg: "bestuurlijk overleg",
};

/** Why someone may not close an escalation, by the level it went to. */
const notYourLevel = (level: EscalationLevel) =>
  level === "caseDirector"
    ? "Een escalatie naar de casusregisseur sluiten alleen de casusregisseur en de procesregisseur af."
    : "Een escalatie boven de casusregisseur sluit alleen de procesregisseur af.";

/** The open escalation of a case (action null) or of an action, locked when asked in a transaction. */
async function openEscalation(db: Db | Tx, caseId: string, actionId: string | null, lock: boolean) {
  const query = db
    .select({ id: escalations.id, level: escalations.level })
    .from(escalations)
    .where(
      and(
        eq(escalations.caseId, caseId),
        actionId ? eq(escalations.actionId, actionId) : isNull(escalations.actionId),
        isNull(escalations.resolvedAt),
      ),
    );
  const [row] = lock ? await query.for("update") : await query;
  return row;
}

/** The level escalating the case (or its action) goes to now, null at the top. */
async function levelAfter(
  db: Db | Tx,
  actor: Actor,
  access: CaseAccess,
  actionOwner: string | null,
  open: { level: EscalationLevel } | undefined,
): Promise<EscalationLevel | null> {
  return nextEscalationLevel(open?.level ?? null, await lowestLevelFor(db, actor, access, actionOwner));
}

export const escalateInput = z.object({
  caseId: z.string().uuid("Geen geldige casus."),
  actionId: z.string().uuid("Geen geldig actiepunt.").nullish(),
  reason: text("een reden"),
});
export const resolveInput = z.object({ outcome: text("een uitkomst") });
const listQuery = z.object({
  status: z.enum(["open", "all"]).optional(),
  caseId: z.string().uuid().optional(),
  actionId: z.string().uuid().optional(),
});
const nextLevelQuery = z.object({ caseId: z.string().uuid("Geen geldige casus.") });

export const escalationRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireActor(c);
    const q = parseQuery(c, listQuery);
    const { database, clock } = c.get("deps");
    const rows = await queryEscalations(
      database.db,
      actor,
      { open: (q.status ?? "open") === "open", caseId: q.caseId, actionId: q.actionId },
      clock.now(),
    );
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "read", objectType: "escalations", outcome: "success", details: { count: rows.length } },
      clock.now(),
    );
    return c.json({ escalations: rows.map(presentEscalation) });
  })
  .get("/next-level", async (c) => {
    requireActor(c);
    const q = parseQuery(c, nextLevelQuery);
    const { actor, access } = await caseScope(c, q.caseId);
    await authorizeAudited(c, actor, "case:escalate", access);
    const { database } = c.get("deps");
    const open = await openEscalation(database.db, access.caseId, null, false);
    return c.json({ level: await levelAfter(database.db, actor, access, null, open) });
  })
  .post("/", async (c) => {
    requireActor(c);
    const input = await parseJson(c, escalateInput);
    const { actor, access } = await caseScope(c, input.caseId);
    const { database, clock } = c.get("deps");
    const now = clock.now();
    try {
      await authorizeAudited(c, actor, "case:escalate", access);
    } catch (e) {
      await writeAudit(
        database.db,
        auditActor(c, access.role),
        { action: "refused", objectType: "escalation", caseId: access.caseId, outcome: "refused" },
        now,
      );
      throw e;
    }
    const actionId = input.actionId ?? null;
    let ownerUserId: string | null = null;
    if (actionId) {
      const [a] = await database.db
        .select({
          caseId: actionItems.caseId,
          ownerUserId: actionItems.ownerUserId,
          status: actionItems.status,
        })
        .from(actionItems)
        .where(eq(actionItems.id, actionId));
      if (!a || a.caseId !== access.caseId) throw errors.notFound("Actiepunt niet gevonden in deze casus.");
      // A finished action is not stuck: its open escalation wants an outcome, not another level.
      if (a.status === "done")
        throw errors.conflict("Dit actiepunt is al gereed: er valt niets meer te escaleren.");
      if (a.status === "cancelled")
        throw errors.conflict("Dit actiepunt is vervallen: er valt niets meer te escaleren.");
      ownerUserId = a.ownerUserId;
    }
    const created = await database.db.transaction(async (tx) => {
      // One open escalation per subject: the new one replaces the current one a level higher.
      const current = await openEscalation(tx, access.caseId, actionId, true);
      const next = await levelAfter(tx, actor, access, ownerUserId, current);
      if (!next) throw errors.conflict("Dit is al op het hoogste niveau (bestuurlijk overleg) geëscaleerd.");
      if (current) {
        await tx
          .update(escalations)
          .set({ outcome: `Opgeschaald naar ${levelNames[next]}.`, resolvedBy: actor.id, resolvedAt: now })
          .where(eq(escalations.id, current.id));
      }
      const [row] = await tx
        .insert(escalations)
        .values({
          caseId: access.caseId,
          actionId,
          level: next,
          reason: input.reason,
          raisedBy: actor.id,
          raisedAt: now,
        })
        .returning({ id: escalations.id, level: escalations.level });
      await writeAudit(
        tx,
        auditActor(c, access.role),
        {
          action: "create",
          objectType: "escalation",
          objectId: row.id,
          caseId: access.caseId,
          outcome: "success",
          details: { level: next, actionId, replaces: current?.id ?? null },
        },
        now,
      );
      return row;
    });
    // Tell the action's owner, or the case director for a case escalation.
    const recipients = ownerUserId
      ? [ownerUserId]
      : (
          await database.db
            .select({ userId: caseMembers.userId })
            .from(caseMembers)
            .where(and(eq(caseMembers.caseId, access.caseId), eq(caseMembers.role, "caseDirector")))
        ).map((m) => m.userId);
    await notifierOf(c.get("deps")).notify({
      kind: "escalation_raised",
      escalationId: created.id,
      caseId: access.caseId,
      actionId,
      level: created.level,
      recipientUserIds: recipients,
    });
    const [full] = await queryEscalations(database.db, actor, { caseId: access.caseId }, now).then((rows) =>
      rows.filter((r) => r.id === created.id),
    );
    return c.json({ escalation: presentEscalation(full) }, 201);
  })
  .post("/:escalationId/resolve", async (c) => {
    requireActor(c);
    const id = uuidParam(c, "escalationId");
    const input = await parseJson(c, resolveInput);
    const { database, clock } = c.get("deps");
    const [row] = await database.db
      .select({
        caseId: escalations.caseId,
        level: escalations.level,
        resolvedAt: escalations.resolvedAt,
        raisedBy: escalations.raisedBy,
      })
      .from(escalations)
      .where(eq(escalations.id, id));
    if (!row) throw errors.notFound("Escalatie niet gevonden.");
    const { actor, access } = await caseScope(c, row.caseId);
    const now = clock.now();
    if (!can(actor, "escalation:resolve", { access, level: row.level })) {
      await writeAudit(
        database.db,
        auditActor(c, access.role),
        {
          action: "refused",
          objectType: "escalation",
          objectId: id,
          caseId: row.caseId,
          outcome: "refused",
          details: { policy: "escalation:resolve", level: row.level },
        },
        now,
      );
      throw errors.forbidden(notYourLevel(row.level));
    }
    if (row.resolvedAt) throw errors.conflict("Deze escalatie is al afgesloten.");
    await database.db.transaction(async (tx) => {
      const done = await tx
        .update(escalations)
        .set({ outcome: input.outcome, resolvedBy: actor.id, resolvedAt: now })
        .where(and(eq(escalations.id, id), isNull(escalations.resolvedAt)))
        .returning({ id: escalations.id });
      if (done.length === 0) throw errors.conflict("Deze escalatie is al afgesloten.");
      await writeAudit(
        tx,
        auditActor(c, access.role),
        {
          action: "update",
          objectType: "escalation",
          objectId: id,
          caseId: row.caseId,
          outcome: "success",
          details: { resolved: true },
        },
        now,
      );
    });
    // Who raised it hears the outcome is there, unless they resolved it themselves.
    if (row.raisedBy !== actor.id) {
      await notifierOf(c.get("deps")).notify({
        kind: "escalation_resolved",
        escalationId: id,
        caseId: row.caseId,
        recipientUserIds: [row.raisedBy],
      });
    }
    const [full] = (await queryEscalations(database.db, actor, { caseId: row.caseId }, now)).filter(
      (r) => r.id === id,
    );
    return c.json({ escalation: presentEscalation(full) });
  });
