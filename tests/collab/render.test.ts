import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { sectionStateFromBlocks } from "../../db/seed/plan-text";
import { renderSectionText } from "../../server/collab/render";

function el(name: string, children: (Y.XmlElement | Y.XmlText)[], attrs: Record<string, string> = {}) {
  const e = new Y.XmlElement(name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  e.insert(0, children);
  return e;
}
const text = (s: string) => new Y.XmlText(s);
const p = (...c: (Y.XmlElement | Y.XmlText)[]) => el("paragraph", c);

describe("renderSectionText", () => {
  it("renders the seeded paragraphs and bullet lists line by line", () => {
    const state = sectionStateFromBlocks(["Eerste alinea.", ["punt een", "punt twee"], "Slot."]);
    expect(renderSectionText(state)).toBe("Eerste alinea.\n- punt een\n- punt twee\nSlot.");
  });

  it("renders headings, ordered lists from their start, nested lists, hard breaks and marks", () => {
    const doc = new Y.Doc();
    const bold = text("vet");
    const f = doc.getXmlFragment("prosemirror");
    f.insert(0, [
      el("heading", [text("Afspraken")], { level: "2" }),
      el(
        "orderedList",
        [
          el("listItem", [
            p(text("Moeder belt 112")),
            el("bulletList", [el("listItem", [p(text("ook 's nachts"))])]),
          ]),
          el("listItem", [p(text("regel een"), el("hardBreak", []), text("regel twee"))]),
        ],
        { start: "3" },
      ),
      p(text("met "), bold, text(" tekst")),
      el("blockquote", [p(text("citaat"))]),
      p(),
    ]);
    bold.format(0, 3, { bold: true });
    const rendered = renderSectionText(Y.encodeStateAsUpdate(doc));
    expect(rendered).toBe(
      [
        "Afspraken",
        "3. Moeder belt 112",
        "   - ook 's nachts",
        "4. regel een",
        "   regel twee",
        "met vet tekst",
        "> citaat",
        "",
      ].join("\n"),
    );
  });

  it("renders a document nested far deeper than any editor writes without exhausting the stack", () => {
    // A crafted client can nest blocks as deep as it likes; the plan, its versions and adopting
    // a decision all render the section, so a stack overflow here would block them all.
    const doc = new Y.Doc();
    doc.transact(() => {
      let parent: Y.XmlFragment | Y.XmlElement = doc.getXmlFragment("prosemirror");
      parent.insert(0, [p(text("Boven"))]);
      for (let i = 0; i < 20_000; i++) {
        const block = new Y.XmlElement(i % 2 ? "blockquote" : "bulletList");
        parent.insert(parent.length, [block]);
        parent = block;
      }
      parent.insert(0, [p(text("Diep"), el("hardBreak", []), text("onder"))]);
    });
    const lines = renderSectionText(Y.encodeStateAsUpdate(doc)).split("\n");
    expect(lines[0]).toBe("Boven");
    expect(lines.at(-1)).toMatch(/Diep onder$/);
  });

  it("renders an empty or missing state as empty text", () => {
    expect(renderSectionText(new Uint8Array([0, 0]))).toBe("");
    expect(renderSectionText(new Uint8Array())).toBe("");
  });
});
