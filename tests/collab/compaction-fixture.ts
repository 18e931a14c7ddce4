/** Helpers of the compaction tests: a writer whose every update sets its own key, and what is stored. */
import * as Y from "yjs";
import type { Db } from "../../db/client";
import { mergedState, readStoredDocs } from "../../server/collab/store";

/** A writer whose every update sets its own key in the map `k`, so a lost update is a missing key. */
export function writer() {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on("update", (u: Uint8Array) => updates.push(u));
  let n = 0;
  return {
    /** The next `count` updates, one key each. */
    next(count: number): Uint8Array[] {
      updates.length = 0;
      for (let i = 0; i < count; i++) {
        doc.getMap("k").set(`key-${n}`, n);
        n++;
      }
      return updates.splice(0);
    },
    get written() {
      return n;
    },
  };
}

/** The keys the stored document holds (snapshot plus remaining updates). */
export async function storedKeys(db: Db, docName: string): Promise<Set<string>> {
  const stored = (await readStoredDocs(db, [docName])).get(docName);
  const doc = new Y.Doc();
  if (stored) Y.applyUpdate(doc, mergedState(stored));
  const keys = new Set(doc.getMap("k").keys());
  doc.destroy();
  return keys;
}
