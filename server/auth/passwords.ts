/** Password hashing with argon2id and the rules a new password must meet. */
import { hash, verify } from "@node-rs/argon2";

/** OWASP-recommended argon2id parameters (19 MiB, 2 iterations). */
const options = { memoryCost: 19456, timeCost: 2, outputLen: 32, parallelism: 1 } as const;

/** Minimum length for a new password. */
export const minPasswordLength = 12;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password, options);
}

/** Verifies a password; false for a malformed hash instead of throwing. */
export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** A fixed hash to verify against for unknown accounts, so timing does not reveal them. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword("not-a-real-password-for-timing");
  return dummyHash;
}

/** Common passwords and patterns refused outright (lowercased, compared after trimming). */
const common = new Set([
  "welkom01welkom",
  "wachtwoord123",
  "wachtwoord1234",
  "wachtwoordwachtwoord",
  "password1234",
  "passwordpassword",
  "123456789012",
  "qwertyuiop12",
  "qwertyuiopasdf",
  "welkomwelkom",
  "zomer2026zomer",
  "iloveyou1234",
  "abcdefghijkl",
  "000000000000",
  "111111111111",
  "aaaaaaaaaaaa",
  "letmein12345",
  "administrator",
  "veiligthuis1",
  "eenplan12345",
]);

/** Why a new password is refused, or null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < minPasswordLength)
    return `Kies een wachtwoord van minstens ${minPasswordLength} tekens.`;
  if (password.length > 256) return "Kies een wachtwoord van hoogstens 256 tekens.";
  const lower = password.trim().toLowerCase();
  if (common.has(lower) || /^(.)\1+$/.test(lower) || /^(0123456789|1234567890)+/.test(lower)) {
    return "Dit wachtwoord is te bekend. Kies een ander.";
  }
  if (email && lower.includes(email.split("@")[0].toLowerCase())) {
    return "Gebruik uw e-mailadres niet in uw wachtwoord.";
  }
  return null;
}
