/** Who is on a case: members, the explicit reader list, invitations and break-glass. */
import { and, asc, eq, inArray, isNull, notInArray, or } from "drizzle-orm";
import { Hono } from "hono";
import type { Tx } from "../../db/client";
import {
  breakGlassGrants,
  caseMembers,
  invitations,
  organisations,
  sectionAccess,
  users,
} from "../../db/schema";
import type { CaseRole } from "../../shared/domain";
import { mayBeNamedReader, type SectionKey, sectionKeys, sectionTemplate } from "../../shared/plan";
import {
  addMemberInput,
  breakGlassInput,
  changeMemberRoleInput,
  createInvitationInput,
  sectionReadersInput,
} from "../../shared/schemas/access";
import { writeAudit } from "../audit/log";
import { createInvitation } from "../auth/invitations";
import { notifyMembersChanged } from "../conference/hub";
import { type AppContext, type AppEnv, auditActor, parseJson, uuidParam } from "../context";
import { errors, isUniqueViolation } from "../errors";
import type { CaseAccess } from "../policy";
import { expertRoles, expertsByExperience, notExpertsByExperience } from "../policy/people";
import { auditCaseRead, authorizeAudited, caseScope } from "./case-scope";

/** How long a break-glass grant lasts. */
export const breakGlassLifetimeMs = 2 * 3_600_000;

/** A section whose readers are an explicit list; anything else is not found. */
function explicitSection(c: AppContext): SectionKey {
  const key = c.req.param("sectionKey") as SectionKey;
  if (!sectionKeys.includes(key) || sectionTemplate(key)?.read !== "explicit") {
    throw errors.notFound("Deze sectie heeft geen lijst van lezers.");
  }
  return key;
}

/** Logs a read of who-may-see-what on a case (it is case data too). */
async function auditRead(c: AppContext, access: CaseAccess, objectType: string, objectId: string | null) {
  await auditCaseRead(c, access, { objectType, objectId: objectId ?? undefined });
}

const secondCaseDirector =
  "Deze casus heeft al een casusregisseur. Draag de regie over door een lid casusregisseur te maken.";
const lastChair = "Een casus houdt een voorzitter: maak eerst een ander lid voorzitter.";
const caseDirectorStays =
  "De casusregisseur blijft regisseur tot de regie naar een ander lid gaat: maak eerst een ander lid casusregisseur.";

const expertOnly =
  "Deze persoon is ervaringsdeskundige en kan alleen als ervaringsdeskundige lid zijn: een ervaringsdeskundige ziet geen politie- en justitie-informatie.";

/** A role that changed: who, from what, to what. */
interface RoleChange {
  userId: string;
  from: CaseRole;
  to: CaseRole;
}

/** Takes someone off every reader list of the case (the confidential section's). */
async function removeFromReaderLists(tx: Tx, caseId: string, userId: string): Promise<void> {
  await tx
    .delete(sectionAccess)
    .where(and(eq(sectionAccess.caseId, caseId), eq(sectionAccess.userId, userId)));
}

/**
 * Gives a member another role, in one transaction with its audit entries. Making someone case
 * director hands the regie over: the one who held it stays on the case as a professional. The case
 * director's own role changes only that way. Whoever may no longer be named a reader of the
 * confidential section (an ervaringsdeskundige) is taken off its list. Answers what changed.
 */
async function changeRole(
  c: AppContext,
  access: CaseAccess,
  userId: string,
  role: CaseRole,
): Promise<RoleChange[]> {
  const { database, clock } = c.get("deps");
  return database.db.transaction(async (tx) => {
    const rows = await tx
      .select({ userId: caseMembers.userId, role: caseMembers.role })
      .from(caseMembers)
      .where(
        and(
          eq(caseMembers.caseId, access.caseId),
          or(eq(caseMembers.userId, userId), inArray(caseMembers.role, ["caseDirector", "chair"])),
        ),
      )
      .for("update");
    const member = rows.find((r) => r.userId === userId);
    if (!member) throw errors.notFound("Deze persoon is geen lid van de casus.");
    if (member.role === role) return [];
    if (!expertRoles.includes(role) && (await expertsByExperience(tx, [userId], access.caseId)).has(userId)) {
      throw errors.conflict(expertOnly);
    }
    if (role === "expertByExperience") {
      const refused = (await notExpertsByExperience(tx, [userId], access.caseId)).get(userId);
      if (refused) throw errors.conflict(refused);
    }
    if (member.role === "caseDirector") throw errors.conflict(caseDirectorStays);
    if (member.role === "chair" && rows.filter((r) => r.role === "chair").length === 1) {
      throw errors.conflict(lastChair);
    }
    const changes: RoleChange[] = [];
    const holder = role === "caseDirector" ? rows.find((r) => r.role === "caseDirector") : undefined;
    if (holder) changes.push({ userId: holder.userId, from: "caseDirector", to: "professional" });
    changes.push({ userId, from: member.role, to: role });
    for (const change of changes) {
      await tx
        .update(caseMembers)
        .set({ role: change.to })
        .where(and(eq(caseMembers.caseId, access.caseId), eq(caseMembers.userId, change.userId)));
    }
    if (!mayBeNamedReader(role)) await removeFromReaderLists(tx, access.caseId, userId);
    await writeAudit(
      tx,
      auditActor(c, access.role),
      changes.map((change) => ({
        action: "update" as const,
        objectType: "case_member",
        objectId: change.userId,
        caseId: access.caseId,
        outcome: "success" as const,
        details: { from: change.from, to: change.to },
      })),
      clock.now(),
    );
    return changes;
  });
}

export const caseAccessRoutes = new Hono<AppEnv>()
  .get("/:caseId/candidates", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:manageMembers", access);
    const db = c.get("deps").database.db;
    const memberIds = (
      await db
        .select({ id: caseMembers.userId })
        .from(caseMembers)
        .where(eq(caseMembers.caseId, access.caseId))
    ).map((m) => m.id);
    const rows = await db
      .select({ id: users.id, name: users.name, organisationName: organisations.name })
      .from(users)
      .leftJoin(organisations, eq(organisations.id, users.organisationId))
      .where(
        and(
          eq(users.region, access.region),
          isNull(users.disabledAt),
          memberIds.length ? notInArray(users.id, memberIds) : undefined,
        ),
      )
      .orderBy(asc(users.name));
    // Who takes part as an ervaringsdeskundige: the form offers them that role only; and who may
    // never be one (an organisation's account, say): the form does not offer them that role.
    const ids = rows.map((r) => r.id);
    const experts = await expertsByExperience(db, ids);
    const notExperts = await notExpertsByExperience(db, ids);
    return c.json({
      users: rows.map((r) => ({
        ...r,
        expertByExperience: experts.has(r.id),
        mayBeExpertByExperience: !notExperts.has(r.id),
      })),
    });
  })
  .post("/:caseId/members", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:manageMembers", access);
    const input = await parseJson(c, addMemberInput);
    const { database, clock } = c.get("deps");
    const db = database.db;
    const [user] = await db
      .select({ id: users.id, region: users.region, disabledAt: users.disabledAt })
      .from(users)
      .where(eq(users.id, input.userId));
    if (!user || user.region !== access.region || user.disabledAt) {
      throw errors.invalidInput([{ path: "userId", message: "Deze persoon kan niet worden toegevoegd." }]);
    }
    const [member] = await db
      .select({ role: caseMembers.role })
      .from(caseMembers)
      .where(and(eq(caseMembers.caseId, access.caseId), eq(caseMembers.userId, input.userId)));
    if (member) throw errors.conflict("Deze persoon is al lid van de casus.");
    if (
      !expertRoles.includes(input.role) &&
      (await expertsByExperience(db, [input.userId])).has(input.userId)
    ) {
      throw errors.conflict(expertOnly);
    }
    if (input.role === "expertByExperience") {
      const refused = (await notExpertsByExperience(db, [input.userId])).get(input.userId);
      if (refused) throw errors.conflict(refused);
    }
    const inserted = await db
      .insert(caseMembers)
      .values({ caseId: access.caseId, userId: input.userId, role: input.role, addedAt: clock.now() })
      .onConflictDoNothing()
      .returning();
    // The one conflict left is the unique case director (or someone added in between).
    if (inserted.length === 0) throw errors.conflict(secondCaseDirector);
    await writeAudit(
      db,
      auditActor(c, access.role),
      {
        action: "create",
        objectType: "case_member",
        objectId: input.userId,
        caseId: access.caseId,
        outcome: "success",
        details: { role: input.role },
      },
      clock.now(),
    );
    await notifyMembersChanged(c.get("deps"), access.caseId);
    return c.json({ userId: input.userId, role: input.role }, 201);
  })
  .patch("/:caseId/members/:userId", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:manageMembers", access);
    const userId = uuidParam(c, "userId");
    const { role } = await parseJson(c, changeMemberRoleInput);
    const { accessEvents } = c.get("deps");
    const changed = await changeRole(c, access, userId, role).catch((err) => {
      // Two handovers at once on PostgreSQL: the second finds the director it read already gone.
      if (isUniqueViolation(err)) throw errors.conflict(secondCaseDirector);
      throw err;
    });
    const previous = changed.find((m) => m.userId !== userId) ?? null;
    for (const m of changed) accessEvents.publish({ userId: m.userId, caseId: access.caseId, recheck: true });
    if (changed.length > 0) await notifyMembersChanged(c.get("deps"), access.caseId);
    return c.json({
      userId,
      role,
      previousCaseDirector: previous ? { userId: previous.userId, role: previous.to } : null,
    });
  })
  .delete("/:caseId/members/:userId", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:manageMembers", access);
    const userId = uuidParam(c, "userId");
    const { database, clock, accessEvents } = c.get("deps");
    const db = database.db;
    const removed = await db.transaction(async (tx) => {
      // The chairs are locked first: two removals at once cannot leave the case without one.
      const chairs = await tx
        .select({ userId: caseMembers.userId })
        .from(caseMembers)
        .where(and(eq(caseMembers.caseId, access.caseId), eq(caseMembers.role, "chair")))
        .for("update");
      const rows = await tx
        .delete(caseMembers)
        .where(and(eq(caseMembers.caseId, access.caseId), eq(caseMembers.userId, userId)))
        .returning();
      if (rows.length === 0) return false;
      if (rows[0].role === "caseDirector") throw errors.conflict(caseDirectorStays);
      if (rows[0].role === "chair" && chairs.length === 1) throw errors.conflict(lastChair);
      await removeFromReaderLists(tx, access.caseId, userId);
      await writeAudit(
        tx,
        auditActor(c, access.role),
        {
          action: "delete",
          objectType: "case_member",
          objectId: userId,
          caseId: access.caseId,
          outcome: "success",
          details: { role: rows[0].role },
        },
        clock.now(),
      );
      return true;
    });
    if (!removed) throw errors.notFound("Deze persoon is geen lid van de casus.");
    // Told first, so that the removed person's page hears it before their socket is closed.
    await notifyMembersChanged(c.get("deps"), access.caseId, [userId]);
    accessEvents.publish({ userId, caseId: access.caseId });
    return c.json({ ok: true });
  })
  .get("/:caseId/sections/:sectionKey/readers", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:manageMembers", access);
    const sectionKey = explicitSection(c);
    const rows = await c
      .get("deps")
      .database.db.select({ userId: sectionAccess.userId })
      .from(sectionAccess)
      .where(and(eq(sectionAccess.caseId, access.caseId), eq(sectionAccess.sectionKey, sectionKey)));
    await auditRead(c, access, "section_access", sectionKey);
    return c.json({ sectionKey, userIds: rows.map((r) => r.userId) });
  })
  .put("/:caseId/sections/:sectionKey/readers", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:manageMembers", access);
    const sectionKey = explicitSection(c);
    const { userIds } = await parseJson(c, sectionReadersInput);
    const wanted = [...new Set(userIds)];
    const { database, clock, accessEvents } = c.get("deps");
    const db = database.db;
    const members = wanted.length
      ? await db
          .select({ userId: caseMembers.userId, role: caseMembers.role })
          .from(caseMembers)
          .where(and(eq(caseMembers.caseId, access.caseId), inArray(caseMembers.userId, wanted)))
      : [];
    if (members.length !== wanted.length) {
      throw errors.invalidInput([
        { path: "userIds", message: "Alleen leden van de casus kunnen lezer zijn." },
      ]);
    }
    if (members.some((m) => !mayBeNamedReader(m.role))) {
      throw errors.invalidInput([
        {
          path: "userIds",
          message: "Een ervaringsdeskundige kan geen lezer zijn van politie- en justitie-informatie.",
        },
      ]);
    }
    const before = await db
      .select({ userId: sectionAccess.userId })
      .from(sectionAccess)
      .where(and(eq(sectionAccess.caseId, access.caseId), eq(sectionAccess.sectionKey, sectionKey)));
    const removed = before.map((b) => b.userId).filter((id) => !wanted.includes(id));
    await db.transaction(async (tx) => {
      await tx
        .delete(sectionAccess)
        .where(and(eq(sectionAccess.caseId, access.caseId), eq(sectionAccess.sectionKey, sectionKey)));
      if (wanted.length) {
        await tx
          .insert(sectionAccess)
          .values(
            wanted.map((userId) => ({ caseId: access.caseId, sectionKey, userId, grantedAt: clock.now() })),
          );
      }
      await writeAudit(
        tx,
        auditActor(c, access.role),
        {
          action: "update",
          objectType: "section_access",
          objectId: sectionKey,
          caseId: access.caseId,
          outcome: "success",
          details: { readers: wanted.length, removed: removed.length },
        },
        clock.now(),
      );
    });
    for (const userId of removed) accessEvents.publish({ userId, caseId: access.caseId, recheck: true });
    await notifyMembersChanged(c.get("deps"), access.caseId);
    return c.json({ sectionKey, userIds: wanted });
  })
  .get("/:caseId/invitations", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:invite", access);
    const rows = await c
      .get("deps")
      .database.db.select({
        id: invitations.id,
        name: invitations.name,
        role: invitations.role,
        createdAt: invitations.createdAt,
        expiresAt: invitations.expiresAt,
        usedAt: invitations.usedAt,
      })
      .from(invitations)
      .where(eq(invitations.caseId, access.caseId))
      .orderBy(asc(invitations.createdAt));
    await auditRead(c, access, "invitation", null);
    return c.json({
      invitations: rows.map((r) => ({
        ...r,
        createdAt: r.createdAt.toISOString(),
        expiresAt: r.expiresAt.toISOString(),
        usedAt: r.usedAt?.toISOString() ?? null,
      })),
    });
  })
  .post("/:caseId/invitations", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "case:invite", access);
    const input = await parseJson(c, createInvitationInput);
    const { database, clock } = c.get("deps");
    const db = database.db;
    const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (taken) throw errors.conflict("Dit e-mailadres heeft al een account: voeg de persoon toe als lid.");
    const invitation = await createInvitation(
      db,
      { caseId: access.caseId, role: input.role, name: input.name, email: input.email, createdBy: actor.id },
      clock.now(),
    );
    await writeAudit(
      db,
      auditActor(c, access.role),
      {
        action: "create",
        objectType: "invitation",
        objectId: invitation.id,
        caseId: access.caseId,
        outcome: "success",
        details: { role: input.role },
      },
      clock.now(),
    );
    // The link is shown once to pass on; only a hash of its secret is kept.
    return c.json(
      {
        id: invitation.id,
        path: `/uitnodiging/${invitation.token}`,
        expiresAt: invitation.expiresAt.toISOString(),
      },
      201,
    );
  })
  .post("/:caseId/break-glass", async (c) => {
    const { actor, access } = await caseScope(c);
    const { database, clock } = c.get("deps");
    await authorizeAudited(c, actor, "case:breakGlass", access);
    const { reason } = await parseJson(c, breakGlassInput);
    const now = clock.now();
    const expiresAt = new Date(now.getTime() + breakGlassLifetimeMs);
    await database.db.transaction(async (tx) => {
      await tx
        .insert(breakGlassGrants)
        .values({ caseId: access.caseId, userId: actor.id, reason, grantedAt: now, expiresAt });
      await writeAudit(
        tx,
        auditActor(c, access.role),
        {
          action: "break_glass",
          objectType: "case",
          objectId: access.caseId,
          caseId: access.caseId,
          purpose: reason,
          outcome: "success",
          breakGlass: true,
          details: { expiresAt: expiresAt.toISOString() },
        },
        now,
      );
    });
    return c.json({ expiresAt: expiresAt.toISOString() }, 201);
  });
