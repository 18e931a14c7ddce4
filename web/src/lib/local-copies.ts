/**
 * The plan copies this browser keeps per user (IndexedDB, written by y-indexeddb), and which of them
 * hold edits the server may not have yet. No Yjs here: the logout button needs it on every page.
 */

/** The local copy (IndexedDB database) of a section for one user. */
export const localName = (userId: string, room: string) => `eenplan:${userId}:${room}`;
/**
 * Set (in localStorage) while the local copy `name` holds edits the server may not have yet (made
 * without a synced connection): `eenplan:<user>:<room>` is marked as `eenplan-unsent:<user>:<room>`.
 */
const unsentKey = (name: string) => `eenplan-unsent:${name.slice("eenplan:".length)}`;

export function markUnsent(userId: string, room: string, unsent: boolean): void {
  try {
    const key = unsentKey(localName(userId, room));
    if (unsent) localStorage.setItem(key, "1");
    else localStorage.removeItem(key);
  } catch {
    // No storage (private mode): the copy is then simply kept, as before.
  }
}

/**
 * Removes plan copies from this browser, except those holding edits the server has not had yet (they
 * would be lost); returns how many were kept. With a user, that user's copies (at logout); without,
 * every user's (whenever this browser turns out to have no session: the session ended, or a page
 * opened after it ended). Case data should not stay on a shared computer longer than needed.
 */
export async function forgetLocalCopies(userId?: string): Promise<{ kept: number }> {
  const prefix = userId ? `eenplan:${userId}:` : "eenplan:";
  const names = ((await indexedDB.databases?.()) ?? [])
    .map((d) => d.name ?? "")
    .filter((n) => n.startsWith(prefix));
  let kept = 0;
  for (const name of names) {
    if (localStorage.getItem(unsentKey(name))) {
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
