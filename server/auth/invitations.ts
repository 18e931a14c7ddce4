/** One-time invitation links: token `id.secret`, only a SHA-256 of the secret is stored. */
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { invitations } from "../../db/schema";
import type { CaseRole } from "../../shared/domain";
import { generateSecureRandomString, hashSecret } from "./sessions";

/** How long a link stays valid. */
export const invitationLifetimeMs = 7 * 24 * 3_600_000;

type InvitationRow = typeof invitations.$inferSelect;

/** Creates an invitation; the token is returned once and never stored. */
export async function createInvitation(
  db: Db,
  input: { caseId: string; role: CaseRole; name: string; email: string; createdBy: string },
  now: Date,
): Promise<{ id: string; token: string; expiresAt: Date }> {
  const id = generateSecureRandomString();
  const secret = generateSecureRandomString();
  const expiresAt = new Date(now.getTime() + invitationLifetimeMs);
  await db
    .insert(invitations)
    .values({ id, secretHash: hashSecret(secret), ...input, createdAt: now, expiresAt });
  return { id, token: `${id}.${secret}`, expiresAt };
}

/** The open invitation a token names: unknown, tampered, used and expired tokens all give null. */
export async function findOpenInvitation(db: Db, token: string, now: Date): Promise<InvitationRow | null> {
  if (token.length > 200) return null;
  const [id, secret, extra] = token.split(".");
  if (!id || !secret || extra !== undefined) return null;
  const [row] = await db.select().from(invitations).where(eq(invitations.id, id)).limit(1);
  if (!row || !constantTimeEqual(hashSecret(secret), row.secretHash)) return null;
  if (row.usedAt || row.expiresAt.getTime() <= now.getTime()) return null;
  return row;
}

/** Marks an invitation used, once: false when someone else used it first. */
export async function claimInvitation(db: Db | Tx, id: string, userId: string, now: Date): Promise<boolean> {
  const rows = await db
    .update(invitations)
    .set({ usedAt: now, userId })
    .where(and(eq(invitations.id, id), isNull(invitations.usedAt), gt(invitations.expiresAt, now)))
    .returning({ id: invitations.id });
  return rows.length === 1;
}
