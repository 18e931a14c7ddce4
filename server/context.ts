/** The typed Hono context: who is asking, and helpers every route uses. */

import "../shared/schemas/messages";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Context } from "hono";
import type { z } from "zod";
import { isUuid } from "../shared/domain";
import type { AuditActor } from "./audit/log";
import type { Session, SessionUser } from "./auth/sessions";
import type { AppDeps } from "./deps";
import { AppError, errors, type FieldProblem } from "./errors";
import { nulProblem } from "./input";
import { type Actor, actorOf } from "./policy";

/** The authenticated caller, when there is one. */
export interface Auth {
  session: Session;
  user: SessionUser;
  /** Whether this login still owes a second factor. */
  secondFactorPending: boolean;
}

/** Hono environment of the app. */
export interface AppEnv {
  Variables: {
    deps: AppDeps;
    auth: Auth | null;
    /**
     * A request made under break-glass that no flagged read has recorded yet: written when the
     * request ends, unless the route recorded its read itself (routes/case-scope.ts).
     */
    breakGlassRequest?: { caseId: string; at: Date };
  };
}

export type AppContext = Context<AppEnv>;

/**
 * The caller's policy actor; 401 without a complete login. Someone still on a start password gets
 * 403 `password_change_required` everywhere except where `allowStartPassword` (me, the change itself).
 */
export function requireActor(
  c: AppContext,
  options: { allowStartPassword?: boolean } = {},
): Actor & { user: SessionUser } {
  const auth = c.get("auth");
  if (!auth) throw errors.unauthenticated();
  if (auth.secondFactorPending) {
    throw new AppError("second_factor_required", "Voer eerst de code uit uw authenticator-app in.");
  }
  if (auth.user.mustChangePassword && !options.allowStartPassword) {
    throw new AppError("password_change_required", "Kies eerst een eigen wachtwoord.");
  }
  return { ...actorOf(auth.user), user: auth.user };
}

/** The caller's network address, for the audit log. */
export function clientAddress(c: AppContext): string | null {
  try {
    return getConnInfo(c).remote.address ?? null;
  } catch {
    return null;
  }
}

/**
 * The audit actor of the request; a case role can be given when known. The global role goes along,
 * so that the log records the role actually used: a coordinator seated as observer who changes an
 * action acts as procesregisseur (`roleActedIn`).
 */
export function auditActor(c: AppContext, caseRole?: string | null): AuditActor {
  const auth = c.get("auth");
  return {
    userId: auth?.user.id ?? null,
    role: caseRole ?? auth?.user.globalRole ?? null,
    organisationId: auth?.user.organisationId ?? null,
    clientAddress: clientAddress(c),
    globalRole: auth ? { userId: auth.user.id, role: auth.user.globalRole } : null,
  };
}

/** Turns zod issues into the field list of a 400. */
export function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.map((i) => ({ path: i.path.join(".") || "(body)", message: i.message }));
}

/** Reads and validates a JSON body: 400 for malformed JSON or a body that does not fit the schema. */
export async function parseJson<S extends z.ZodType>(c: AppContext, schema: S): Promise<z.infer<S>> {
  let body: unknown;
  try {
    const text = await c.req.text();
    body = text.length === 0 ? {} : JSON.parse(text);
  } catch {
    throw errors.badRequest("De inhoud is geen geldige JSON.");
  }
  const nul = nulProblem(body);
  if (nul) throw errors.invalidInput([nul]);
  const result = schema.safeParse(body);
  if (!result.success) throw errors.invalidInput(fieldProblems(result.error));
  return result.data;
}

/** Validates the query string. */
export function parseQuery<S extends z.ZodType>(c: AppContext, schema: S): z.infer<S> {
  const query = c.req.query();
  const nul = nulProblem(query, "(query)");
  if (nul) throw errors.invalidInput([nul]);
  const result = schema.safeParse(query);
  if (!result.success) throw errors.invalidInput(fieldProblems(result.error));
  return result.data;
}

/** Validates a path parameter as a UUID; anything else is simply not found. */
export function uuidParam(c: AppContext, name: string): string {
  const v = c.req.param(name) ?? "";
  if (!isUuid(v)) throw errors.notFound();
  return v.toLowerCase();
}
