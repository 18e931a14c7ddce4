/** Keeps list items mounted across reloads and full-state broadcasts by keying them on a stable key. */
import { type Accessor, createMemo } from "solid-js";

/**
 * The keys of a list as a memo that only changes when the keys do. Every broadcast brings new
 * objects; iterating over keys keeps each item's component (what the user is typing, and the
 * button that has the keyboard focus) alive.
 */
export function keysOf<T>(list: Accessor<T[]>, key: (item: T) => string): Accessor<string[]> {
  return createMemo(() => list().map(key), [], {
    equals: (a, b) => a.length === b.length && a.every((x, i) => x === b[i]),
  });
}

/** The ids of a list, as `keysOf` keeps them. */
export function idsOf<T extends { id: string }>(list: Accessor<T[]>): Accessor<string[]> {
  return keysOf(list, (x) => x.id);
}

/** The current item with this id (reactive when read inside JSX or an effect). */
export function byId<T extends { id: string }>(list: T[], id: string): T {
  return list.find((x) => x.id === id) as T;
}
