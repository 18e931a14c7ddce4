/** Renders a section's ProseMirror document (Y.XmlFragment `prosemirror`) to readable plain text. */
import * as Y from "yjs";
import { serverDoc } from "./ydoc";

/** The readable text of an encoded section state. */
export function renderSectionText(state: Uint8Array): string {
  const doc = serverDoc("render");
  try {
    if (state.byteLength > 0) Y.applyUpdate(doc, state);
    return renderFragment(doc.getXmlFragment("prosemirror"));
  } finally {
    doc.destroy();
  }
}

/** The readable text of a live fragment: one line per paragraph, heading or list item. */
export function renderFragment(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  for (const child of fragment.toArray()) renderBlock(child, "", lines);
  return lines.join("\n");
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function renderBlock(node: Node, indent: string, lines: string[]): void {
  if (node instanceof Y.XmlText) {
    pushText(inlineText([node]), indent, lines);
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  switch (node.nodeName) {
    case "bulletList":
    case "taskList":
      for (const item of node.toArray()) renderListItem(item, indent, "- ", lines);
      return;
    case "orderedList": {
      const start = Number(node.getAttribute("start") ?? 1);
      let n = Number.isFinite(start) ? start : 1;
      for (const item of node.toArray()) renderListItem(item, indent, `${n++}. `, lines);
      return;
    }
    case "blockquote":
      for (const child of node.toArray()) renderBlock(child, `${indent}> `, lines);
      return;
    case "horizontalRule":
      lines.push(`${indent}---`);
      return;
    case "paragraph":
    case "heading":
    case "codeBlock":
      pushText(inlineText(node.toArray()), indent, lines);
      return;
    default: {
      // An unknown node: its inline text if it has any, else its blocks.
      const children = node.toArray();
      if (children.some((c) => c instanceof Y.XmlText)) pushText(inlineText(children), indent, lines);
      else for (const child of children) renderBlock(child, indent, lines);
    }
  }
}

/** A list item: the marker on its first line, later lines and nested lists indented under it. */
function renderListItem(item: Node, indent: string, marker: string, lines: string[]): void {
  const inner: string[] = [];
  if (item instanceof Y.XmlElement) for (const child of item.toArray()) renderBlock(child, "", inner);
  else renderBlock(item, "", inner);
  if (inner.length === 0) inner.push("");
  const hang = " ".repeat(marker.length);
  inner.forEach((line, i) => {
    lines.push(`${indent}${i === 0 ? marker : hang}${line}`.trimEnd());
  });
}

function pushText(text: string, indent: string, lines: string[]): void {
  for (const line of text.split("\n")) lines.push(`${indent}${line}`.trimEnd());
}

/** Text of inline content: text runs, hard breaks as new lines, other inline nodes by their text. */
function inlineText(children: Node[]): string {
  let out = "";
  for (const child of children) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert: unknown }[]) {
        if (typeof op.insert === "string") out += op.insert;
      }
    } else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") out += "\n";
      else out += inlineText(child.toArray());
    }
  }
  return out;
}
