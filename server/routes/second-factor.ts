/** The second factor: entering a TOTP code after the password, and enrolling an authenticator app. */
import { and, eq, isNull } from "drizzle-orm";
import { Hono } from "hono";
import { users } from "../../db/schema";
import { secondFactorInput } from "../../shared/schemas/auth";
import { writeAudit } from "../audit/log";
import { completeSecondFactor } from "../auth/sessions";
import { newTotpKey, openTotpKey, sealTotpKey, totpEnrolment, useTotpCode } from "../auth/totp";
import { type AppContext, type AppEnv, type Auth, auditActor, parseJson } from "../context";
import { AppError, errors } from "../errors";
import { RateLimiter } from "../middleware/rate-limit";
import { setSessionCookie } from "../middleware/session";

/** A session, pending or complete; the only routes a pending session may call besides logout. */
function requireSession(c: AppContext): Auth {
  const auth = c.get("auth");
  if (!auth) throw errors.unauthenticated();
  return auth;
}

/** Creates the second-factor routes with a limiter on code attempts per account. */
export function secondFactorRoutes() {
  // Six digits are guessable at scale: five wrong codes per account per 15 minutes.
  const attempts = new RateLimiter(5, 15 * 60_000);

  const check = async (
    c: AppContext,
    auth: Auth,
    row: { totpKey: Uint8Array | null; totpLastStep: bigint | null },
    code: string,
  ) => {
    const { database, clock } = c.get("deps");
    const now = clock.now();
    const wait = attempts.blocked(auth.user.id, now.getTime());
    if (wait > 0) throw errors.tooManyRequests(wait);
    const key = row.totpKey && openTotpKey(row.totpKey, auth.user.id, c.get("deps").config.secretKey);
    if (key && (await useTotpCode(database.db, auth.user.id, key, code, now, row.totpLastStep))) {
      attempts.reset(auth.user.id);
      return;
    }
    attempts.hit(auth.user.id, now.getTime());
    await writeAudit(
      database.db,
      auditActor(c),
      { action: "login", objectType: "second_factor", outcome: "refused" },
      now,
    );
    // Still owing the second factor: a client tells this apart from a lost session (`unauthenticated`).
    throw new AppError("second_factor_required", "De code klopt niet. Probeer de nieuwste code uit uw app.");
  };

  const loadKey = async (c: AppContext, userId: string) => {
    const [row] = await c
      .get("deps")
      .database.db.select({
        totpKey: users.totpKey,
        totpEnabledAt: users.totpEnabledAt,
        totpLastStep: users.totpLastStep,
      })
      .from(users)
      .where(eq(users.id, userId));
    return row;
  };

  return new Hono<AppEnv>()
    .post("/second-factor", async (c) => {
      const auth = requireSession(c);
      const { code } = await parseJson(c, secondFactorInput);
      const row = await loadKey(c, auth.user.id);
      if (!row?.totpEnabledAt) throw errors.conflict("Koppel eerst een authenticator-app.");
      await check(c, auth, row, code);
      const { database, clock } = c.get("deps");
      setSessionCookie(c, (await completeSecondFactor(database.db, auth.session, clock.now())).token);
      await writeAudit(
        database.db,
        auditActor(c),
        { action: "login", objectType: "second_factor", outcome: "success" },
        clock.now(),
      );
      return c.json({ ok: true });
    })
    .post("/enrolment", async (c) => {
      const auth = requireSession(c);
      const row = await loadKey(c, auth.user.id);
      // Once enrolled, only an administrator can reset it: a stolen password must not re-enrol.
      if (row?.totpEnabledAt) throw errors.conflict("Er is al een authenticator-app gekoppeld.");
      const { database, config } = c.get("deps");
      // Not confirmed yet: the key of an earlier login is shown again. Someone who scanned it, was
      // interrupted and logs in later keeps an app entry that works. A new key only when there is
      // none, or the stored one does not open (the installation's secret changed).
      const stored = row?.totpKey ? openTotpKey(row.totpKey, auth.user.id, config.secretKey) : null;
      if (stored) return c.json(await totpEnrolment(stored, auth.user.email));
      const key = newTotpKey();
      const sealed = sealTotpKey(key, auth.user.id, config.secretKey);
      // Not over a key confirmed since it was read above (a second tab, a double click).
      const written = await database.db
        .update(users)
        .set({ totpKey: sealed })
        .where(and(eq(users.id, auth.user.id), isNull(users.totpEnabledAt)))
        .returning({ id: users.id });
      if (written.length === 0) throw errors.conflict("Er is al een authenticator-app gekoppeld.");
      return c.json(await totpEnrolment(key, auth.user.email));
    })
    .post("/enrolment/confirm", async (c) => {
      const auth = requireSession(c);
      const { code } = await parseJson(c, secondFactorInput);
      const row = await loadKey(c, auth.user.id);
      if (row?.totpEnabledAt) throw errors.conflict("Er is al een authenticator-app gekoppeld.");
      if (!row?.totpKey) throw errors.conflict("Begin eerst met koppelen.");
      await check(c, auth, row, code);
      const { database, clock } = c.get("deps");
      await database.db.update(users).set({ totpEnabledAt: clock.now() }).where(eq(users.id, auth.user.id));
      setSessionCookie(c, (await completeSecondFactor(database.db, auth.session, clock.now())).token);
      await writeAudit(
        database.db,
        auditActor(c),
        { action: "update", objectType: "second_factor", objectId: auth.user.id, outcome: "success" },
        clock.now(),
      );
      return c.json({ ok: true });
    });
}
