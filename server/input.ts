/** What every input must satisfy before its own schema looks at it: HTTP bodies, query strings, intents. */
import type { FieldProblem } from "./errors";

/** Deepest nesting of objects and arrays looked into; no schema of ours comes near it. */
const maxDepth = 64;

/**
 * The first string (or object key) holding a NUL character, as a field problem. PostgreSQL cannot
 * store U+0000 in text or jsonb, so such input would fail in the database instead of at the door.
 */
export function nulProblem(value: unknown, root = "(body)"): FieldProblem | null {
  const path = findNul(value, [], 0);
  if (path === null) return null;
  return { path: path.join(".") || root, message: "Bevat een ongeldig teken (U+0000)." };
}

function findNul(value: unknown, path: (string | number)[], depth: number): (string | number)[] | null {
  if (typeof value === "string") return value.includes("\u0000") ? path : null;
  if (typeof value !== "object" || value === null || depth > maxDepth) return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = findNul(value[i], [...path, i], depth + 1);
      if (found) return found;
    }
    return null;
  }
  for (const [key, inner] of Object.entries(value)) {
    if (key.includes("\u0000")) return [...path, key.replaceAll("\u0000", "\\u0000")];
    const found = findNul(inner, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}
