/** TOTP (RFC 6238): 30-second steps, 6 digits, one step of drift allowed, no reuse of a code. */

import { encodeBase32UpperCaseNoPadding } from "@oslojs/encoding";
import { createTOTPKeyURI, generateHOTP, verifyHOTP } from "@oslojs/otp";
import QRCode from "qrcode";

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

/** The step a time falls in. */
export function totpStep(now: Date): bigint {
  return BigInt(Math.floor(now.getTime() / 1000 / totpPeriod));
}

/** The code for a time (tests and tools; the server only verifies). */
export function totpCodeAt(key: Uint8Array, now: Date): string {
  return generateHOTP(key, totpStep(now), totpDigits);
}

/**
 * Remembers the last step each user logged in with, so a code seen over someone's shoulder cannot
 * be replayed within its window. In memory: one process serves a region, and a restart only
 * reopens a window of at most 90 seconds.
 */
const lastUsedStep = new Map<string, bigint>();

/** Checks a code at `now` (±1 step); accepts each step at most once per user. */
export function verifyTotpCode(userId: string, key: Uint8Array, code: string, now: Date): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const current = totpStep(now);
  const last = lastUsedStep.get(userId) ?? -1n;
  for (const step of [current - 1n, current, current + 1n]) {
    if (step <= last) continue;
    if (verifyHOTP(key, step, totpDigits, code)) {
      lastUsedStep.set(userId, step);
      if (lastUsedStep.size > 10_000) lastUsedStep.delete(lastUsedStep.keys().next().value as string);
      return true;
    }
  }
  return false;
}

/** Forgets the replay state of a user (second factor reset). */
export function forgetTotpUse(userId: string): void {
  lastUsedStep.delete(userId);
}
