/** Builds the Yjs state of a plan section from plain paragraphs (ProseMirror schema of Tiptap's StarterKit). */
import * as Y from "yjs";

/** A paragraph, or a bullet list given as an array of items. */
export type Block = string | string[];

/** Encodes the blocks into the `prosemirror` XmlFragment of a fresh Y.Doc. */
export function sectionStateFromBlocks(blocks: Block[]): Uint8Array {
  const doc = new Y.Doc();
  const fragment = doc.getXmlFragment("prosemirror");
  const paragraph = (text: string) => {
    const p = new Y.XmlElement("paragraph");
    p.insert(0, [new Y.XmlText(text)]);
    return p;
  };
  fragment.insert(
    0,
    blocks.map((b) => {
      if (typeof b === "string") return paragraph(b);
      const list = new Y.XmlElement("bulletList");
      list.insert(
        0,
        b.map((item) => {
          const li = new Y.XmlElement("listItem");
          li.insert(0, [paragraph(item)]);
          return li;
        }),
      );
      return list;
    }),
  );
  const state = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return state;
}
