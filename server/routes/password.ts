/** Changing one's own password (an admin's start password, or a routine change). */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { users } from "../../db/schema";
import { changePasswordInput } from "../../shared/schemas/access";
import { writeAudit } from "../audit/log";
import { hashPassword, passwordProblem, verifyPassword } from "../auth/passwords";
import { createSession, invalidateUserSessions } from "../auth/sessions";
import { type AppEnv, auditActor, parseJson, requireActor } from "../context";
import { AppError, errors } from "../errors";
import { RateLimiter } from "../middleware/rate-limit";
import { setSessionCookie } from "../middleware/session";

/** `POST /api/auth/password`: needs the current password; every other session of the user ends. */
export function passwordRoutes() {
  const attempts = new RateLimiter(5, 15 * 60_000);
  return new Hono<AppEnv>().post("/password", async (c) => {
    const actor = requireActor(c, { allowStartPassword: true });
    const { database, clock } = c.get("deps");
    const db = database.db;
    const now = clock.now();
    const wait = attempts.blocked(actor.id, now.getTime());
    if (wait > 0) throw errors.tooManyRequests(wait);
    const input = await parseJson(c, changePasswordInput);
    const [row] = await db
      .select({ passwordHash: users.passwordHash })
      .from(users)
      .where(eq(users.id, actor.id));
    if (!row?.passwordHash || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
      attempts.hit(actor.id, now.getTime());
      await writeAudit(
        db,
        auditActor(c),
        { action: "update", objectType: "password", outcome: "refused" },
        now,
      );
      throw new AppError("forbidden", "Uw huidige wachtwoord klopt niet.");
    }
    const problem = passwordProblem(input.newPassword, actor.user.email);
    if (problem) throw errors.invalidInput([{ path: "newPassword", message: problem }]);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword(input.newPassword), mustChangePassword: false })
      .where(eq(users.id, actor.id));
    // A stolen session must not survive the change: end them all and start a fresh one here.
    await invalidateUserSessions(db, actor.id);
    const { token } = await createSession(db, actor.id, now, true);
    setSessionCookie(c, token);
    c.get("deps").accessEvents.publish({ userId: actor.id });
    await writeAudit(
      db,
      auditActor(c),
      { action: "update", objectType: "password", objectId: actor.id, outcome: "success" },
      now,
    );
    return c.json({ ok: true });
  });
}
