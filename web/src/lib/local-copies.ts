/**
 * The plan copies this browser keeps per user (IndexedDB, written by y-indexeddb), and which of them
 * hold edits the server may not have yet. No Yjs here: the logout button needs it on every page.
 */

/** The local copy (IndexedDB database) of a section for one user. */
export const localName = (userId: string, room: string) => `eenplan:${userId}:${room}`;
/** Set while a local copy holds edits the server may not have yet (made without a synced connection). */
const unsentKey = (userId: string, room: string) => `eenplan-unsent:${userId}:${room}`;

export function markUnsent(userId: string, room: string, unsent: boolean): void {
  try {
    if (unsent) localStorage.setItem(unsentKey(userId, room), "1");
    else localStorage.removeItem(unsentKey(userId, room));
  } catch {
    // No storage (private mode): the copy is then simply kept, as before.
  }
}

/**
 * At logout: removes this user's local plan copies from the browser, except those holding edits the
 * server has not had yet (they would be lost); returns how many were kept. Case data should not stay
 * on a shared computer longer than needed.
 */
export async function forgetLocalCopies(userId: string): Promise<{ kept: number }> {
  const prefix = `eenplan:${userId}:`;
  const names = ((await indexedDB.databases?.()) ?? [])
    .map((d) => d.name ?? "")
    .filter((n) => n.startsWith(prefix));
  let kept = 0;
  for (const name of names) {
    if (localStorage.getItem(unsentKey(userId, name.slice(prefix.length)))) {
      kept++;
      continue;
    }
    // Still open on this page: the deletion finishes once the page lets go of it.
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(name);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
  return { kept };
}
