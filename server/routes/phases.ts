/**
 * Phases of gefaseerde ketenzorg: `POST /api/cases/:caseId/phase` {phase, reason, incident?} (case
 * director only; an incident moves the case back to veiligheid) and `GET /api/cases/:caseId/phases`.
 */
import { asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { cases, phaseChanges, users } from "../../db/schema";
import { phases } from "../../shared/domain";
import { writeAudit } from "../audit/log";
import { type AppEnv, auditActor, parseJson } from "../context";
import { errors } from "../errors";
import { auditCaseRead, authorizeAudited, caseScope } from "./case-scope";

export const phaseInput = z
  .object({
    phase: z.enum(phases, "Kies een fase.").optional(),
    reason: z
      .string()
      .trim()
      .min(3, "Geef een reden op (minstens 3 tekens).")
      .max(2000, "De reden is te lang."),
    incident: z.boolean().optional(),
  })
  .refine((v) => v.incident === true || v.phase !== undefined, {
    message: "Kies een fase.",
    path: ["phase"],
  })
  .refine((v) => v.incident !== true || v.phase === undefined || v.phase === "veiligheid", {
    message: "Na een nieuw incident gaat de casus terug naar veiligheid.",
    path: ["phase"],
  });

export const phaseRoutes = new Hono<AppEnv>()
  .post("/:caseId/phase", async (c) => {
    const { actor, access } = await caseScope(c);
    const { database, clock } = c.get("deps");
    const now = clock.now();
    try {
      await authorizeAudited(c, actor, "case:changePhase", access);
    } catch (e) {
      await writeAudit(
        database.db,
        auditActor(c, access.role),
        { action: "refused", objectType: "case_phase", caseId: access.caseId, outcome: "refused" },
        now,
      );
      throw e;
    }
    const input = await parseJson(c, phaseInput);
    const to = input.incident ? "veiligheid" : (input.phase as (typeof phases)[number]);
    const change = await database.db.transaction(async (tx) => {
      const [current] = await tx
        .select({ phase: cases.phase })
        .from(cases)
        .where(eq(cases.id, access.caseId))
        .for("update");
      if (current.phase === to && !input.incident) throw errors.conflict("De casus is al in deze fase.");
      await tx.update(cases).set({ phase: to }).where(eq(cases.id, access.caseId));
      const [row] = await tx
        .insert(phaseChanges)
        .values({
          caseId: access.caseId,
          fromPhase: current.phase,
          toPhase: to,
          reason: input.reason,
          isIncident: input.incident === true,
          changedBy: actor.id,
          changedAt: now,
        })
        .returning();
      await writeAudit(
        tx,
        auditActor(c, access.role),
        {
          action: "update",
          objectType: "case_phase",
          objectId: row.id,
          caseId: access.caseId,
          outcome: "success",
          details: { from: current.phase, to, incident: input.incident === true },
        },
        now,
      );
      return row;
    });
    return c.json(
      {
        phase: to,
        change: {
          id: change.id,
          from: change.fromPhase,
          to: change.toPhase,
          reason: change.reason,
          incident: change.isIncident,
          at: change.changedAt.toISOString(),
        },
      },
      201,
    );
  })
  .get("/:caseId/phases", async (c) => {
    const { access } = await caseScope(c);
    const { database } = c.get("deps");
    const rows = await database.db
      .select({
        id: phaseChanges.id,
        from: phaseChanges.fromPhase,
        to: phaseChanges.toPhase,
        reason: phaseChanges.reason,
        incident: phaseChanges.isIncident,
        at: phaseChanges.changedAt,
        byId: phaseChanges.changedBy,
        byName: users.name,
      })
      .from(phaseChanges)
      .leftJoin(users, eq(users.id, phaseChanges.changedBy))
      .where(eq(phaseChanges.caseId, access.caseId))
      .orderBy(asc(phaseChanges.changedAt), asc(phaseChanges.id));
    await auditCaseRead(c, access, { objectType: "case_phase" });
    return c.json({
      phase: access.phase,
      history: rows.map((r) => ({
        id: r.id,
        from: r.from,
        to: r.to,
        reason: r.reason,
        incident: r.incident,
        at: r.at.toISOString(),
        by: r.byId ? { id: r.byId, name: r.byName } : null,
      })),
    });
  });
