/** Administration: organisations and accounts of the admin's region, and the audit-chain check. */
import { and, asc, eq } from "drizzle-orm";
import { Hono } from "hono";
import type { Db, Tx } from "../../db/client";
import { organisations, users } from "../../db/schema";
import { createOrganisationInput, createUserInput, updateUserInput } from "../../shared/schemas/access";
import { verifyAuditChain, writeAudit } from "../audit/log";
import { hashPassword } from "../auth/passwords";
import { generateSecureRandomString, invalidateUserSessions } from "../auth/sessions";
import { type AppContext, type AppEnv, auditActor, parseJson, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import { type Actor, can } from "../policy";

/** The admin asking; everyone else is refused (and the refusal logged). */
async function requireAdmin(c: AppContext): Promise<Actor> {
  const actor = requireActor(c);
  if (can(actor, "admin:manage", null)) return actor;
  const { database, clock } = c.get("deps");
  await writeAudit(
    database.db,
    auditActor(c),
    { action: "refused", objectType: "admin", outcome: "refused", details: { path: c.req.routePath } },
    clock.now(),
  );
  throw errors.forbidden("Alleen een beheerder mag dit.");
}

/** A user of the admin's region; other regions do not exist for them. */
async function regionUser(c: AppContext, actor: Actor) {
  const [user] = await c
    .get("deps")
    .database.db.select()
    .from(users)
    .where(and(eq(users.id, uuidParam(c, "userId")), eq(users.region, actor.region)));
  if (!user) throw errors.notFound("Account niet gevonden.");
  return user;
}

/** An organisation of the admin's region, or a 400 on the field. */
async function requireRegionOrganisation(db: Db, actor: Actor, organisationId: string): Promise<void> {
  const [org] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(and(eq(organisations.id, organisationId), eq(organisations.region, actor.region)));
  if (!org) throw errors.invalidInput([{ path: "organisationId", message: "Onbekende organisatie." }]);
}

type AuditEntry = Parameters<typeof writeAudit>[2];

/** One admin change and its audit entry, in one transaction: both are stored or neither is. */
async function adminWrite<T>(
  c: AppContext,
  work: (tx: Tx) => Promise<T>,
  entry: (result: T) => AuditEntry,
): Promise<T> {
  const { database, clock } = c.get("deps");
  const now = clock.now();
  return database.db.transaction(async (tx) => {
    const result = await work(tx);
    await writeAudit(tx, auditActor(c), entry(result), now);
    return result;
  });
}

function presentAccount(u: typeof users.$inferSelect) {
  return {
    id: u.id,
    name: u.name,
    email: u.email,
    organisationId: u.organisationId,
    globalRole: u.globalRole,
    totpEnabled: u.totpEnabledAt !== null,
    disabled: u.disabledAt !== null,
    isDemo: u.isDemo,
  };
}

export const adminRoutes = new Hono<AppEnv>()
  .get("/organisations", async (c) => {
    const actor = await requireAdmin(c);
    const rows = await c
      .get("deps")
      .database.db.select()
      .from(organisations)
      .where(eq(organisations.region, actor.region))
      .orderBy(asc(organisations.name));
    return c.json({ organisations: rows.map((o) => ({ id: o.id, name: o.name, kind: o.kind })) });
  })
  .post("/organisations", async (c) => {
    const actor = await requireAdmin(c);
    const input = await parseJson(c, createOrganisationInput);
    const row = await adminWrite(
      c,
      async (tx) =>
        (
          await tx
            .insert(organisations)
            .values({ ...input, region: actor.region })
            .returning()
        )[0],
      (org) => ({ action: "create", objectType: "organisation", objectId: org.id, outcome: "success" }),
    );
    return c.json({ id: row.id, name: row.name, kind: row.kind }, 201);
  })
  .get("/users", async (c) => {
    const actor = await requireAdmin(c);
    const rows = await c
      .get("deps")
      .database.db.select()
      .from(users)
      .where(eq(users.region, actor.region))
      .orderBy(asc(users.name));
    return c.json({ users: rows.map(presentAccount) });
  })
  .post("/users", async (c) => {
    const actor = await requireAdmin(c);
    const input = await parseJson(c, createUserInput);
    const { database } = c.get("deps");
    const db = database.db;
    if (input.organisationId) await requireRegionOrganisation(db, actor, input.organisationId);
    // A one-time start password, shown once to pass on; the second factor is enrolled at first login.
    const startPassword = `${generateSecureRandomString().slice(0, 8)}-${generateSecureRandomString().slice(0, 8)}`;
    const passwordHash = await hashPassword(startPassword);
    const row = await adminWrite(
      c,
      async (tx) => {
        // The unique e-mail decides, also when two admins add the same person at once.
        const [created] = await tx
          .insert(users)
          .values({ ...input, region: actor.region, passwordHash, mustChangePassword: true })
          .onConflictDoNothing({ target: users.email })
          .returning();
        if (!created) throw errors.conflict("Er bestaat al een account met dit e-mailadres.");
        return created;
      },
      (u) => ({
        action: "create",
        objectType: "user",
        objectId: u.id,
        outcome: "success",
        details: { globalRole: u.globalRole },
      }),
    );
    return c.json({ user: presentAccount(row), startPassword }, 201);
  })
  .patch("/users/:userId", async (c) => {
    const actor = await requireAdmin(c);
    const user = await regionUser(c, actor);
    const input = await parseJson(c, updateUserInput);
    const { database, accessEvents } = c.get("deps");
    if (input.organisationId) await requireRegionOrganisation(database.db, actor, input.organisationId);
    const roleChanges = input.globalRole !== undefined && input.globalRole !== user.globalRole;
    if (roleChanges && user.id === actor.id) {
      throw errors.conflict("U kunt uw eigen rol niet wijzigen; vraag een andere beheerder.");
    }
    const changed = (["name", "organisationId", "globalRole"] as const).filter(
      (k) => input[k] !== undefined && input[k] !== user[k],
    );
    if (changed.length === 0) return c.json({ user: presentAccount(user) });
    const row = await adminWrite(
      c,
      async (tx) => {
        const [updated] = await tx
          .update(users)
          .set({ name: input.name, organisationId: input.organisationId, globalRole: input.globalRole })
          .where(eq(users.id, user.id))
          .returning();
        // What someone may see follows their global role: they sign in again to get the new one.
        if (roleChanges) await invalidateUserSessions(tx, user.id);
        return updated;
      },
      (u) => ({
        action: "update",
        objectType: "user",
        objectId: u.id,
        outcome: "success",
        // Which fields, and the role; never the name itself.
        details: {
          changed: changed.join(","),
          ...(roleChanges ? { globalRoleFrom: user.globalRole, globalRoleTo: u.globalRole } : {}),
        },
      }),
    );
    if (roleChanges) accessEvents.publish({ userId: user.id });
    return c.json({ user: presentAccount(row) });
  })
  .post("/users/:userId/disable", async (c) => {
    const actor = await requireAdmin(c);
    const user = await regionUser(c, actor);
    if (user.id === actor.id) throw errors.conflict("U kunt uw eigen account niet blokkeren.");
    const { clock, accessEvents } = c.get("deps");
    await adminWrite(
      c,
      async (tx) => {
        await tx.update(users).set({ disabledAt: clock.now() }).where(eq(users.id, user.id));
        await invalidateUserSessions(tx, user.id);
      },
      () => ({
        action: "update",
        objectType: "user",
        objectId: user.id,
        outcome: "success",
        details: { disabled: true },
      }),
    );
    // Open Yjs and Socket.IO connections close at once, not at the next request.
    accessEvents.publish({ userId: user.id });
    return c.json({ ok: true });
  })
  .post("/users/:userId/enable", async (c) => {
    const actor = await requireAdmin(c);
    const user = await regionUser(c, actor);
    await adminWrite(
      c,
      async (tx) => {
        await tx.update(users).set({ disabledAt: null }).where(eq(users.id, user.id));
      },
      () => ({
        action: "update",
        objectType: "user",
        objectId: user.id,
        outcome: "success",
        details: { disabled: false },
      }),
    );
    return c.json({ ok: true });
  })
  .post("/users/:userId/reset-second-factor", async (c) => {
    const actor = await requireAdmin(c);
    const user = await regionUser(c, actor);
    await adminWrite(
      c,
      async (tx) => {
        await tx
          .update(users)
          .set({ totpKey: null, totpEnabledAt: null, totpLastStep: null })
          .where(eq(users.id, user.id));
        await invalidateUserSessions(tx, user.id);
      },
      () => ({
        action: "update",
        objectType: "second_factor",
        objectId: user.id,
        outcome: "success",
        details: { reset: true },
      }),
    );
    c.get("deps").accessEvents.publish({ userId: user.id });
    return c.json({ ok: true });
  })
  .get("/audit/verify", async (c) => {
    await requireAdmin(c);
    const { database, clock } = c.get("deps");
    const result = await verifyAuditChain(database.db);
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "read", objectType: "audit_chain", outcome: "success", details: { ok: result.ok } },
      clock.now(),
    );
    return c.json(result);
  });
