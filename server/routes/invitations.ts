/** Accepting an invitation link: see who it is for, set a password, become a member. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { caseMembers, cases, users } from "../../db/schema";
import { acceptInvitationInput } from "../../shared/schemas/access";
import { writeAudit } from "../audit/log";
import { claimInvitation, findOpenInvitation } from "../auth/invitations";
import { hashPassword, passwordProblem } from "../auth/passwords";
import { createSession } from "../auth/sessions";
import { type AppEnv, auditActor, parseJson } from "../context";
import { errors, isUniqueViolation } from "../errors";
import { RateLimiter } from "../middleware/rate-limit";
import { secondFactorRequired, setSessionCookie } from "../middleware/session";

const invalid = () => errors.notFound("Deze uitnodiging is ongeldig, verlopen of al gebruikt.");

/** Public routes: the token in the path is the only credential. */
export function invitationRoutes() {
  const perAddress = new RateLimiter(30, 15 * 60_000);

  return new Hono<AppEnv>()
    .use(async (c, next) => {
      const address = auditActor(c).clientAddress ?? "unknown";
      const now = c.get("deps").clock.now().getTime();
      const wait = perAddress.hit(address, now);
      if (wait > 0) throw errors.tooManyRequests(wait);
      await next();
    })
    .get("/:token", async (c) => {
      const { database, clock } = c.get("deps");
      const row = await findOpenInvitation(database.db, c.req.param("token"), clock.now());
      if (!row) throw invalid();
      return c.json({
        name: row.name,
        email: row.email,
        role: row.role,
        expiresAt: row.expiresAt.toISOString(),
      });
    })
    .post("/:token/accept", async (c) => {
      const { database, clock, config } = c.get("deps");
      const db = database.db;
      const row = await findOpenInvitation(db, c.req.param("token"), clock.now());
      if (!row) throw invalid();
      const { password } = await parseJson(c, acceptInvitationInput);
      const problem = passwordProblem(password, row.email);
      if (problem) throw errors.invalidInput([{ path: "password", message: problem }]);
      const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.email, row.email));
      if (taken)
        throw errors.conflict(
          "Er bestaat al een account met dit e-mailadres. Vraag degene die u uitnodigde u als lid toe te voegen.",
        );
      const [theCase] = await db.select({ region: cases.region }).from(cases).where(eq(cases.id, row.caseId));
      if (!theCase) throw invalid();
      const passwordHash = await hashPassword(password);
      const now = clock.now();
      // The case director comes from the lokaal team with an account of their own; an invitation
      // made before that rule joins as a professional.
      const memberRole = row.role === "caseDirector" ? "professional" : row.role;
      // A link accepted twice at once (a double click) passes the checks above twice: the second
      // account meets the first one's address and the invitation is used.
      const user = await db
        .transaction(async (tx) => {
          const [created] = await tx
            .insert(users)
            .values({
              email: row.email,
              name: row.name,
              region: theCase.region,
              passwordHash,
              organisationId: null,
            })
            .returning();
          if (!(await claimInvitation(tx, row.id, created.id, now))) throw invalid();
          await tx
            .insert(caseMembers)
            .values({ caseId: row.caseId, userId: created.id, role: memberRole, addedAt: now });
          await writeAudit(
            tx,
            { ...auditActor(c), userId: created.id, role: memberRole, organisationId: null },
            [
              {
                action: "create",
                objectType: "user",
                objectId: created.id,
                outcome: "success",
                details: { via: "invitation" },
              },
              {
                action: "create",
                objectType: "case_member",
                objectId: created.id,
                caseId: row.caseId,
                outcome: "success",
                details: { role: memberRole, invitationId: row.id },
              },
            ],
            now,
          );
          return created;
        })
        .catch((err: unknown) => {
          throw isUniqueViolation(err) ? invalid() : err;
        });
      const needsSecondFactor = secondFactorRequired(config, user);
      const { token } = await createSession(db, user.id, now, !needsSecondFactor);
      setSessionCookie(c, token);
      return c.json({ secondFactorRequired: needsSecondFactor, secondFactorEnrolled: false }, 201);
    });
}
