/** Keeps list items mounted across full-state broadcasts by keying them on their id. */
import { type Accessor, createMemo } from "solid-js";

/**
 * The ids of a list as a memo that only changes when the ids do. Every broadcast brings new
 * objects; iterating over ids keeps each item's component (and what the user is typing) alive.
 */
export function idsOf<T extends { id: string }>(list: Accessor<T[]>): Accessor<string[]> {
  return createMemo(() => list().map((x) => x.id), [], {
    equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  });
}

/** The current item with this id (reactive when read inside JSX or an effect). */
export function byId<T extends { id: string }>(list: T[], id: string): T {
  return list.find((x) => x.id === id) as T;
}
