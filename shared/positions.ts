/**
 * Who still owes a position on a decision: the conference panel's card, the minutes page and the
 * minutes' Markdown say it the same way. Adopting does not wait for them (DOMAIN.md): someone silent
 * or on the phone must not hold the meeting hostage, but the record shows it.
 */

/** Case roles that record no position: observers attend, the chair adopts, former members left. */
const noPositionRoles = new Set<string>(["observer", "chair", "former"]);

/**
 * Present participants (recorded present, or connected to the room) without a position on the
 * decision, in the order of `attendance`. A withdrawn proposal needed none.
 */
export function withoutPosition<
  A extends { userId: string; role: string | null; present: string | null; online?: boolean },
>(decision: { status: string; positions: { userId: string }[] }, attendance: A[]): A[] {
  if (decision.status === "withdrawn") return [];
  const positioned = new Set(decision.positions.map((p) => p.userId));
  return attendance.filter(
    (a) =>
      (a.present === "present" || a.online === true) &&
      !noPositionRoles.has(a.role ?? "") &&
      !positioned.has(a.userId),
  );
}
