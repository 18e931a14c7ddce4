/** Y.Docs the server creates. */
import * as Y from "yjs";

/**
 * A Y.Doc named `guid`. Without a guid Yjs makes a random UUID from 31 separate calls to
 * `crypto.getRandomValues`, about 0.2 ms, more than loading a small section takes. The server's
 * docs are never subdocuments, so the section's name (or any fixed text) serves.
 */
export function serverDoc(guid: string): Y.Doc {
  return new Y.Doc({ gc: true, guid });
}
