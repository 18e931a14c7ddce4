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

/**
 * How deep blocks are rendered as such. The editor's documents stay far below it; a document
 * nested deeper (only a crafted client writes one) has the rest flattened into one line each,
 * without recursion, so it cannot exhaust the stack.
 */
const maxDepth = 64;

/** The readable text of a live fragment: one line per paragraph, heading or list item. */
export function renderFragment(fragment: Y.XmlFragment): string {
  const lines: string[] = [];
  for (const child of fragment.toArray()) renderBlock(child, "", lines, 0);
  return lines.join("\n");
}

type Node = Y.XmlElement | Y.XmlText | Y.XmlHook;

function renderBlock(node: Node, indent: string, lines: string[], depth: number): void {
  if (node instanceof Y.XmlText) {
    pushText(inlineText([node], depth), indent, lines);
    return;
  }
  if (!(node instanceof Y.XmlElement)) return;
  if (depth >= maxDepth) {
    pushText(flatText(node), indent, lines);
    return;
  }
  const next = depth + 1;
  switch (node.nodeName) {
    case "bulletList":
    case "taskList":
      for (const item of node.toArray()) renderListItem(item, indent, "- ", lines, next);
      return;
    case "orderedList": {
      const start = Number(node.getAttribute("start") ?? 1);
      let n = Number.isFinite(start) ? start : 1;
      for (const item of node.toArray()) renderListItem(item, indent, `${n++}. `, lines, next);
      return;
    }
    case "blockquote":
      for (const child of node.toArray()) renderBlock(child, `${indent}> `, lines, next);
      return;
    case "horizontalRule":
      lines.push(`${indent}---`);
      return;
    case "paragraph":
    case "heading":
    case "codeBlock":
      pushText(inlineText(node.toArray(), next), indent, lines);
      return;
    default: {
      // An unknown node: its inline text if it has any, else its blocks.
      const children = node.toArray();
      if (children.some((c) => c instanceof Y.XmlText)) pushText(inlineText(children, next), indent, lines);
      else for (const child of children) renderBlock(child, indent, lines, next);
    }
  }
}

/** A list item: the marker on its first line, later lines and nested lists indented under it. */
function renderListItem(item: Node, indent: string, marker: string, lines: string[], depth: number): void {
  const inner: string[] = [];
  if (item instanceof Y.XmlElement && depth < maxDepth) {
    for (const child of item.toArray()) renderBlock(child, "", inner, depth + 1);
  } else renderBlock(item, "", inner, depth);
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
function inlineText(children: Node[], depth: number): string {
  let out = "";
  for (const child of children) {
    if (child instanceof Y.XmlText) out += textOf(child);
    else if (child instanceof Y.XmlElement) {
      if (child.nodeName === "hardBreak") out += "\n";
      else if (depth >= maxDepth) out += flatText(child);
      else out += inlineText(child.toArray(), depth + 1);
    }
  }
  return out;
}

function textOf(text: Y.XmlText): string {
  let out = "";
  for (const op of text.toDelta() as { insert: unknown }[]) {
    if (typeof op.insert === "string") out += op.insert;
  }
  return out;
}

/** All text under a node in document order, with an explicit stack instead of recursion. */
function flatText(node: Y.XmlElement): string {
  const parts: string[] = [];
  const stack: Node[] = [node];
  while (stack.length > 0) {
    const current = stack.pop() as Node;
    if (current instanceof Y.XmlText) parts.push(textOf(current));
    else if (current instanceof Y.XmlElement) {
      if (current.nodeName === "hardBreak") parts.push(" ");
      else {
        const children = current.toArray();
        for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]);
      }
    }
  }
  return parts.join(" ").replace(/\s+/g, " ").trim();
}
