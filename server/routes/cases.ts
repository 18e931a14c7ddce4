/** Cases: list, create and detail; members, access lists and the audit trail are chained in. */
import { and, asc, eq, gt, inArray, max, or } from "drizzle-orm";
import { Hono } from "hono";
import { breakGlassGrants, caseMembers, cases, organisations, users } from "../../db/schema";
import { prioritisedCategories } from "../../shared/domain";
import { planTemplate } from "../../shared/plan";
import { createCaseInput } from "../../shared/schemas/access";
import { writeAudit } from "../audit/log";
import { type AppContext, type AppEnv, auditActor, parseJson, requireActor } from "../context";
import { errors } from "../errors";
import { can } from "../policy";
import { presentCaseSummary } from "../presenters/case";
import { recentBreakGlassAccesses } from "../queries/break-glass";
import { conferenceGlances } from "../queries/case-list";
import { retentionsOf } from "../queries/retention";
import { caseAccessRoutes } from "./case-access";
import { caseAuditRoutes } from "./case-audit";
import { caseDestructionRoutes } from "./case-destruction";
import { auditCaseRead, caseScope } from "./case-scope";
import { restrainingOrderRoutes } from "./restraining-order";

/** When the actor's emergency access to the case ends (the latest of their grants still running). */
async function grantEnd(c: AppContext, userId: string, caseId: string): Promise<string | null> {
  const { database, clock } = c.get("deps");
  const [row] = await database.db
    .select({ until: max(breakGlassGrants.expiresAt) })
    .from(breakGlassGrants)
    .where(
      and(
        eq(breakGlassGrants.caseId, caseId),
        eq(breakGlassGrants.userId, userId),
        gt(breakGlassGrants.expiresAt, clock.now()),
      ),
    );
  return row?.until ? new Date(row.until).toISOString() : null;
}

export const caseRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const actor = requireActor(c);
    const { db } = c.get("deps").database;
    const memberships = await db
      .select({ caseId: caseMembers.caseId, role: caseMembers.role })
      .from(caseMembers)
      .where(eq(caseMembers.userId, actor.id));
    const roleOf = new Map(memberships.map((m) => [m.caseId, m.role]));
    const ids = [...roleOf.keys()];
    const visible =
      actor.globalRole === "coordinator"
        ? or(eq(cases.region, actor.region), ids.length ? inArray(cases.id, ids) : undefined)
        : ids.length
          ? inArray(cases.id, ids)
          : undefined;
    const rows = visible ? await db.select().from(cases).where(visible).orderBy(asc(cases.reference)) : [];
    const retentions = await retentionsOf(c.get("deps"), rows);
    const glances = await conferenceGlances(
      db,
      rows.map((r) => r.id),
    );
    return c.json({
      cases: rows.map((r) => {
        const glance = glances.get(r.id);
        return {
          ...presentCaseSummary(r, roleOf.get(r.id) ?? null, retentions.get(r.id) ?? null),
          // "No waiting list" for these categories: the list shows who still waits for a first conference.
          prioritised: r.categories.some((cat) => prioritisedCategories.includes(cat)),
          nextConferenceAt: glance?.nextConferenceAt ?? null,
          awaitingFirstConference: !glance?.anyConference,
        };
      }),
    });
  })
  .post("/", async (c) => {
    const actor = requireActor(c);
    const { database, clock } = c.get("deps");
    if (!can(actor, "case:create", null)) {
      await writeAudit(
        database.db,
        auditActor(c),
        { action: "refused", objectType: "case", outcome: "refused", details: { policy: "case:create" } },
        clock.now(),
      );
      throw errors.forbidden("Alleen een procesregisseur kan een casus aanmaken.");
    }
    const input = await parseJson(c, createCaseInput);
    const now = clock.now();
    const row = await database.db.transaction(async (tx) => {
      const [created] = await tx
        .insert(cases)
        .values({ ...input, region: actor.region, createdBy: actor.id, registeredAt: now, createdAt: now })
        .onConflictDoNothing()
        .returning();
      if (!created) return null;
      await writeAudit(
        tx,
        auditActor(c),
        {
          action: "create",
          objectType: "case",
          objectId: created.id,
          caseId: created.id,
          outcome: "success",
        },
        now,
      );
      return created;
    });
    if (!row) throw errors.conflict("Er bestaat al een casus met dit kenmerk.");
    return c.json(presentCaseSummary(row, null), 201);
  })
  .get("/:caseId", async (c) => {
    const { actor, access } = await caseScope(c);
    const { database } = c.get("deps");
    const db = database.db;
    const [row] = await db.select().from(cases).where(eq(cases.id, access.caseId));
    const members = await db
      .select({
        userId: caseMembers.userId,
        role: caseMembers.role,
        name: users.name,
        organisationId: organisations.id,
        organisationName: organisations.name,
      })
      .from(caseMembers)
      .innerJoin(users, eq(users.id, caseMembers.userId))
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(and(eq(caseMembers.caseId, access.caseId)))
      .orderBy(asc(users.name));
    // Who read the file by emergency access, only for whom the policy allows (undefined for others).
    const breakGlassAccesses = can(actor, "case:viewBreakGlass", access)
      ? await recentBreakGlassAccesses(db, access.caseId, c.get("deps").clock.now())
      : undefined;
    await auditCaseRead(c, access, {
      objectType: "case",
      objectId: access.caseId,
      // The trail says when the read showed who looked in by emergency access, and how many.
      ...(breakGlassAccesses?.length ? { details: { breakGlassAccesses: breakGlassAccesses.length } } : {}),
    });
    const retention = (await retentionsOf(c.get("deps"), [row])).get(row.id) ?? null;
    return c.json({
      ...presentCaseSummary(row, access.role, retention),
      members: members.map((m) => ({
        userId: m.userId,
        name: m.name,
        role: m.role,
        organisation: m.organisationId ? { id: m.organisationId, name: m.organisationName } : null,
      })),
      sections: planTemplate.map((s) => ({
        key: s.key,
        read: s.read,
        canRead: can(actor, "section:read", { access, sectionKey: s.key }),
        canEdit: can(actor, "section:edit", { access, sectionKey: s.key }),
      })),
      permissions: {
        manageMembers: can(actor, "case:manageMembers", access),
        invite: can(actor, "case:invite", access),
        viewAudit: can(actor, "case:viewAudit", access),
        breakGlass: can(actor, "case:breakGlass", access),
        destroy: can(actor, "case:destroy", access),
        restrainingOrder: can(actor, "case:restrainingOrder", access),
        readPlan: can(actor, "plan:read", access),
        // Give actions to others, move their due dates, cancel them (the conference's review offers
        // "Vervallen" only then).
        assignActions: can(actor, "action:assign", access),
      },
      breakGlassActive: access.role === null && access.breakGlass,
      // Until when, for the notice on the case's pages (a grant lasts hours; several may overlap).
      breakGlassUntil:
        access.role === null && access.breakGlass ? await grantEnd(c, actor.id, access.caseId) : null,
      // The chair and the case director: the emergency accesses of the last 30 days (absent for others).
      ...(breakGlassAccesses ? { breakGlassAccesses } : {}),
    });
  })
  .route("/", caseAccessRoutes)
  .route("/", caseAuditRoutes)
  .route("/", caseDestructionRoutes)
  .route("/", restrainingOrderRoutes);
