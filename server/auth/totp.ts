/** TOTP (RFC 6238): 30-second steps, 6 digits, one step of drift allowed, no reuse of a code. */

import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import QRCode from "qrcode";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";

/** Seconds per step. */
export const totpPeriod = 30;
/** Digits per code. */
export const totpDigits = 6;
const issuer = "Eén Plan";

/** A new random 160-bit key (the size RFC 4226 recommends). */
export function newTotpKey(): Uint8Array {
  const key = new Uint8Array(20);
  crypto.getRandomValues(key);
  return key;
}

/** The key as base32 text, for typing it into an app by hand. */
export function totpSecretText(key: Uint8Array): string {
  return encodeBase32UpperCaseNoPadding(key);
}

/** The otpauth:// URI and its QR code as an SVG data URL (made here, so no script runs in the page). */
export async function totpEnrolment(
  key: Uint8Array,
  accountName: string,
): Promise<{ uri: string; qrCode: string; secret: string }> {
  const uri = createTOTPKeyURI(issuer, accountName, key, totpPeriod, totpDigits);
  const svg = await QRCode.toString(uri, { type: "svg", errorCorrectionLevel: "M", margin: 2 });
  return {
    uri,
    qrCode: `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`,
    secret: totpSecretText(key),
  };
}

/** Version byte of a sealed key: AES-256-GCM, 12-byte nonce, the user id as associated data. */
const sealedV1 = 1;

/**
 * The key as stored: sealed with the installation's secret (`SECRET_KEY`) when there is one, so a
 * copy of the database alone does not give anyone the second factors. Bound to the account: a
 * sealed key copied to another user's row does not open.
 */
export function sealTotpKey(key: Uint8Array, userId: string, secret: Uint8Array | undefined): Uint8Array {
  if (!secret) return key;
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", secret, nonce);
  cipher.setAAD(Buffer.from(userId));
  const body = Buffer.concat([cipher.update(key), cipher.final()]);
  return Buffer.concat([Buffer.from([sealedV1]), nonce, body, cipher.getAuthTag()]);
}

/** The key from what is stored (a plain 20-byte key from before sealing is still read); null if it does not open. */
export function openTotpKey(
  stored: Uint8Array,
  userId: string,
  secret: Uint8Array | undefined,
): Uint8Array | null {
  if (stored.length === 20) return stored;
  if (stored[0] !== sealedV1 || !secret || stored.length < 1 + 12 + 16 + 1) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", secret, stored.subarray(1, 13));
    decipher.setAAD(Buffer.from(userId));
    decipher.setAuthTag(stored.subarray(stored.length - 16));
    return new Uint8Array(
      Buffer.concat([decipher.update(stored.subarray(13, stored.length - 16)), decipher.final()]),
    );
  } catch {
    return null;
  }
}

/** The step a time falls in. */
export function totpStep(now: Date): bigint {
  return BigInt(Math.floor(now.getTime() / 1000 / totpPeriod));
}

/** The code for a time (tests and tools; the server only verifies). */
export function totpCodeAt(key: Uint8Array, now: Date): string {
  return generateHOTP(key, totpStep(now), totpDigits);
}

/**
 * The step (±1 of now) whose code matches and that comes after `lastUsed`, or null. Pure: the caller
 * records the step (see `useTotpCode`) so a code seen over someone's shoulder cannot be replayed.
 */
export function matchTotpStep(
  key: Uint8Array,
  code: string,
  now: Date,
  lastUsed: bigint | null,
): bigint | null {
  if (!/^\d{6}$/.test(code)) return null;
  const current = totpStep(now);
  for (const step of [current - 1n, current, current + 1n]) {
    if (lastUsed !== null && step <= lastUsed) continue;
    if (verifyHOTP(key, step, totpDigits, code)) return step;
  }
  return null;
}

/**
 * Checks a code and spends its step in the database: the update only succeeds while the stored step
 * is older, so two requests with one code (or a replay after a restart) cannot both get in.
 */
export async function useTotpCode(
  db: Db,
  userId: string,
  key: Uint8Array,
  code: string,
  now: Date,
  lastUsed: bigint | null,
): Promise<boolean> {
  const step = matchTotpStep(key, code, now, lastUsed);
  if (step === null) return false;
  const spent = await db
    .update(users)
    .set({ totpLastStep: step })
    .where(and(eq(users.id, userId), or(isNull(users.totpLastStep), lt(users.totpLastStep, step))))
    .returning({ id: users.id });
  return spent.length > 0;
}
