/** The current text of a case's plan sections, read from storage (which holds every broadcast edit). */
import type { Db, Tx } from "../../db/client";
import { type SectionKey, sectionDocName } from "../../shared/plan";
import { renderFragment } from "./render";
import { applyStored, readStoredDocs } from "./store";
import { serverDoc } from "./ydoc";

/** The rendered text of each requested section; a section never edited is empty. */
export async function currentSectionTexts(
  db: Db | Tx,
  caseId: string,
  keys: readonly SectionKey[],
): Promise<Map<SectionKey, string>> {
  const names = keys.map((k) => sectionDocName(caseId, k));
  const stored = await readStoredDocs(db, names);
  const texts = new Map<SectionKey, string>();
  keys.forEach((key, i) => {
    const entry = stored.get(names[i]);
    const doc = serverDoc(names[i]);
    try {
      if (entry) applyStored(doc, entry);
      texts.set(key, renderFragment(doc.getXmlFragment("prosemirror")));
    } finally {
      doc.destroy();
    }
  });
  return texts;
}
