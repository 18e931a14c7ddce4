/** Logging in and out. The second factor and enrolment live in `second-factor.ts`. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { organisations, users } from "../../db/schema";
import { loginInput } from "../../shared/schemas/auth";
import { writeAudit } from "../audit/log";
import { dummyPasswordHash, verifyPassword } from "../auth/passwords";
import { createSession, invalidateSession } from "../auth/sessions";
import { type AppEnv, auditActor, clientAddress, parseJson } from "../context";
import { AppError, errors } from "../errors";
import { RateLimiter } from "../middleware/rate-limit";
import { clearSessionCookie, secondFactorRequired, setSessionCookie } from "../middleware/session";
import { presentMe } from "../presenters/user";
import { passwordRoutes } from "./password";
import { secondFactorRoutes } from "./second-factor";

/**
 * Creates the auth routes with their own rate limiters. Guessing one account's password from one
 * address stops after 5 tries, from anywhere after 50; one address stops after 30 tries on any
 * accounts. So someone who knows a chair's e-mail address cannot lock the chair out from elsewhere.
 */
export function authRoutes() {
  const perAccountAndAddress = new RateLimiter(5, 15 * 60_000);
  const perAccount = new RateLimiter(50, 15 * 60_000);
  const perAddress = new RateLimiter(30, 15 * 60_000);

  return new Hono<AppEnv>()
    .post("/login", async (c) => {
      const { database, clock, config } = c.get("deps");
      const db = database.db;
      const input = await parseJson(c, loginInput);
      const now = clock.now().getTime();
      const address = clientAddress(c) ?? "unknown";
      const pair = `${input.email} ${address}`;
      const wait = Math.max(
        perAccountAndAddress.blocked(pair, now),
        perAccount.blocked(input.email, now),
        perAddress.blocked(address, now),
      );
      if (wait > 0) throw errors.tooManyRequests(wait);

      const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
      // Verify against a dummy hash for unknown accounts so timing does not tell them apart.
      const ok =
        (await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), input.password)) &&
        user !== undefined &&
        user.passwordHash !== null &&
        user.disabledAt === null;
      if (!ok) {
        perAccountAndAddress.hit(pair, now);
        perAccount.hit(input.email, now);
        perAddress.hit(address, now);
        await writeAudit(
          db,
          { ...auditActor(c), userId: user?.id ?? null },
          { action: "login", objectType: "session", outcome: "refused" },
          clock.now(),
        );
        // One answer for an unknown account, a wrong password and a disabled account.
        throw new AppError("unauthenticated", "E-mailadres of wachtwoord onjuist.");
      }
      perAccountAndAddress.reset(pair);
      const needsSecondFactor = secondFactorRequired(config, user);
      const { token } = await createSession(db, user.id, clock.now(), !needsSecondFactor);
      setSessionCookie(c, token);
      await writeAudit(
        db,
        { ...auditActor(c), userId: user.id, role: user.globalRole, organisationId: user.organisationId },
        {
          action: "login",
          objectType: "session",
          outcome: "success",
          details: { secondFactor: needsSecondFactor },
        },
        clock.now(),
      );
      const organisation = user.organisationId
        ? ((
            await db
              .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
              .from(organisations)
              .where(eq(organisations.id, user.organisationId))
          )[0] ?? null)
        : null;
      return c.json({
        user: presentMe({ ...user, totpEnabled: user.totpEnabledAt !== null }, organisation),
        secondFactorRequired: needsSecondFactor,
        secondFactorEnrolled: user.totpEnabledAt !== null,
      });
    })
    .post("/logout", async (c) => {
      const { database, clock, accessEvents } = c.get("deps");
      const auth = c.get("auth");
      if (auth) {
        await invalidateSession(database.db, auth.session.id);
        // Open plans and conferences of this session close now, not at their next session check.
        accessEvents.publish({ userId: auth.user.id, sessionId: auth.session.id });
        await writeAudit(
          database.db,
          auditActor(c),
          { action: "logout", objectType: "session", outcome: "success" },
          clock.now(),
        );
      }
      clearSessionCookie(c);
      return c.json({ ok: true });
    })
    .route("/", secondFactorRoutes())
    .route("/", passwordRoutes());
}
