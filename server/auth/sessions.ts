/** Sessions after the Lucia guide: token `id.secret`, only SHA-256 of the secret is stored. */
import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";
import { eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { sessions, users } from "../../db/schema";

/** How long a session lives: idle and absolute limits. */
export interface SessionPolicy {
  idleMs: number;
  absoluteMs: number;
}

/** The user a valid session belongs to, as the rest of the server sees them. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  organisationId: string | null;
  region: string;
  globalRole: "none" | "coordinator" | "admin";
  isDemo: boolean;
  totpEnabled: boolean;
  /** Signed in with a start password someone else chose: only the password change is open. */
  mustChangePassword: boolean;
}

/** A validated session. */
export interface Session {
  id: string;
  userId: string;
  secondFactorVerified: boolean;
  createdAt: Date;
  lastActiveAt: Date;
}

export type SessionValidation = { session: Session; user: SessionUser } | { session: null; user: null };

/** Only refresh the sliding expiry when it moved this much, to spare a write per request. */
const touchIntervalMs = 60_000;

/** A random string of 120 bits in a human-safe alphabet. */
export function generateSecureRandomString(): string {
  const bytes = new Uint8Array(15);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** SHA-256 of a secret. */
export function hashSecret(secret: string): Uint8Array {
  return sha256(new TextEncoder().encode(secret));
}

/** Creates a session and returns the token for the cookie (shown once, never stored). */
export async function createSession(
  db: Db,
  userId: string,
  now: Date,
  secondFactorVerified: boolean,
): Promise<{ token: string; session: Session }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  await db.insert(sessions).values({
    id,
    secretHash: hashSecret(secret),
    userId,
    secondFactorVerified,
    createdAt: now,
    lastActiveAt: now,
  });
  return {
    token: `${id}.${secret}`,
    session: { id, userId, secondFactorVerified, createdAt: now, lastActiveAt: now },
  };
}

/** What a session id looks like: base32 lower case (`generateSecureRandomString`). */
const sessionIdPattern = /^[a-z2-7]{1,64}$/;

/** Validates a token; expired, disabled or tampered tokens yield no session. Slides the idle expiry. */
export async function validateSessionToken(
  db: Db,
  token: string | undefined | null,
  now: Date,
  policy: SessionPolicy,
): Promise<SessionValidation> {
  const [result] = await validateSessionTokens(db, [token], now, policy);
  return result;
}

/**
 * Validates many tokens with one lookup (after a restart every open browser reconnects within a
 * second or two): one query for the sessions, at most one to remove the ended ones and one to slide
 * the expiry of the rest. Answers come in the order asked; each token is judged on its own, so a
 * tampered copy of a valid token is refused while the valid one is not.
 */
export async function validateSessionTokens(
  db: Db,
  tokens: (string | undefined | null)[],
  now: Date,
  policy: SessionPolicy,
  /** Whether this use counts as activity; a background check of open connections does not. */
  options: { slide?: boolean } = {},
): Promise<SessionValidation[]> {
  const slide = options.slide ?? true;
  const none = { session: null, user: null } as const;
  const parsed = tokens.map((token) => {
    if (!token || token.length > 200) return null;
    const parts = token.split(".");
    if (parts.length !== 2 || !sessionIdPattern.test(parts[0]) || !parts[1]) return null;
    return { id: parts[0], secret: parts[1] };
  });
  const ids = [...new Set(parsed.flatMap((p) => (p ? [p.id] : [])))];
  if (ids.length === 0) return tokens.map(() => none);
  // Only the columns a request needs: not the password hash or second-factor key on every request.
  const rows = await db
    .select({
      session: {
        id: sessions.id,
        secretHash: sessions.secretHash,
        secondFactorVerified: sessions.secondFactorVerified,
        createdAt: sessions.createdAt,
        lastActiveAt: sessions.lastActiveAt,
      },
      user: {
        id: users.id,
        email: users.email,
        name: users.name,
        organisationId: users.organisationId,
        region: users.region,
        globalRole: users.globalRole,
        isDemo: users.isDemo,
        totpEnabledAt: users.totpEnabledAt,
        mustChangePassword: users.mustChangePassword,
        disabledAt: users.disabledAt,
      },
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    // An array literal of checked ids: nothing in them can end an element.
    .where(sql`${sessions.id} = any(${`{${ids.join(",")}}`}::text[])`);
  const byId = new Map(rows.map((r) => [r.session.id, r]));
  const ended = new Set<string>();
  const touched = new Set<string>();
  const results = parsed.map((p): SessionValidation => {
    const row = p && byId.get(p.id);
    if (!p || !row) return none;
    if (!constantTimeEqual(hashSecret(p.secret), row.session.secretHash)) return none;
    const idleExpired = now.getTime() - row.session.lastActiveAt.getTime() >= policy.idleMs;
    const absoluteExpired = now.getTime() - row.session.createdAt.getTime() >= policy.absoluteMs;
    if (idleExpired || absoluteExpired || row.user.disabledAt) {
      ended.add(p.id);
      return none;
    }
    let lastActiveAt = row.session.lastActiveAt;
    if (slide && now.getTime() - lastActiveAt.getTime() >= touchIntervalMs) {
      lastActiveAt = now;
      touched.add(p.id);
    }
    const u = row.user;
    return {
      session: {
        id: p.id,
        userId: u.id,
        secondFactorVerified: row.session.secondFactorVerified,
        createdAt: row.session.createdAt,
        lastActiveAt,
      },
      user: {
        id: u.id,
        email: u.email,
        name: u.name,
        organisationId: u.organisationId,
        region: u.region,
        globalRole: u.globalRole,
        isDemo: u.isDemo,
        totpEnabled: u.totpEnabledAt !== null,
        mustChangePassword: u.mustChangePassword,
      },
    };
  });
  if (ended.size > 0) await db.delete(sessions).where(inArray(sessions.id, [...ended]));
  if (touched.size > 0) {
    await db
      .update(sessions)
      .set({ lastActiveAt: now })
      .where(inArray(sessions.id, [...touched]));
  }
  return results;
}

/**
 * Completes a login after the second factor: the half-authenticated session is replaced by a new
 * one with a new token (no session fixation), keeping the original login time for the absolute limit.
 */
export async function completeSecondFactor(db: Db, old: Session, now: Date): Promise<{ token: string }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  await db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.id, old.id));
    await tx.insert(sessions).values({
      id,
      secretHash: hashSecret(secret),
      userId: old.userId,
      secondFactorVerified: true,
      createdAt: old.createdAt,
      lastActiveAt: now,
    });
  });
  return { token: `${id}.${secret}` };
}

/** Ends one session. */
export async function invalidateSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.id, sessionId));
}

/** Ends every session of a user (disable, password reset). */
export async function invalidateUserSessions(db: Db | Tx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}
