/** A stored version's plain text (server/collab/render.ts) read back as paragraphs, lists and quotes. */
import { For, type JSX, Show } from "solid-js";

/** A block of a version's text, as the server's plain-text rendering (server/collab/render.ts) marks it. */
export type TextBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "rule" }
  | { kind: "quote"; blocks: TextBlock[] }
  | { kind: "list"; ordered: boolean; start: number; items: TextBlock[][] };

/** "- " or "N. " at the start of a line ("-" or "N." alone for an empty item). */
const itemMarker = /^(-|(\d+)\.)( |$)/;

/**
 * The blocks of a version's text: one line per paragraph; list items marked "- " or "N. " with
 * their further lines indented by the marker's width; "> " before quoted lines; "---" a rule.
 */
export function parseVersionText(text: string): TextBlock[] {
  const lines = text.split("\n");
  const blocks: TextBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith(">")) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i].startsWith(">")) quoted.push(lines[i++].replace(/^> ?/, ""));
      blocks.push({ kind: "quote", blocks: parseVersionText(quoted.join("\n")) });
      continue;
    }
    const first = itemMarker.exec(line);
    if (first) {
      const ordered = first[2] !== undefined;
      const list: TextBlock = { kind: "list", ordered, start: ordered ? Number(first[2]) : 1, items: [] };
      for (
        let m: RegExpExecArray | null = first;
        m && (m[2] !== undefined) === ordered;
        m = itemMarker.exec(lines[i] ?? "")
      ) {
        const hang = " ".repeat(m[1].length + 1);
        const item = [lines[i++].slice(hang.length)];
        while (i < lines.length && lines[i].startsWith(hang)) item.push(lines[i++].slice(hang.length));
        list.items.push(parseVersionText(item.join("\n")));
      }
      blocks.push(list);
      continue;
    }
    if (line === "---") blocks.push({ kind: "rule" });
    else if (line.trim()) blocks.push({ kind: "paragraph", text: line });
    i++;
  }
  return blocks;
}

/** A version's text as paragraphs, lists and quotes (static: a version never changes). */
export function TextBlocks(props: { blocks: TextBlock[] }): JSX.Element {
  return <For each={props.blocks}>{(b) => textBlock(b)}</For>;
}

function textBlock(b: TextBlock): JSX.Element {
  switch (b.kind) {
    case "paragraph":
      return <p>{b.text}</p>;
    case "rule":
      return <hr />;
    case "quote":
      return (
        <blockquote>
          <TextBlocks blocks={b.blocks} />
        </blockquote>
      );
    case "list": {
      // An item's first paragraph is its text; what follows (a nested list, more paragraphs) goes below.
      const items = (
        <For each={b.items}>
          {(item) => (
            <li>
              <Show when={item[0]?.kind === "paragraph"} fallback={<TextBlocks blocks={item} />}>
                {(item[0] as { text: string }).text}
                <TextBlocks blocks={item.slice(1)} />
              </Show>
            </li>
          )}
        </For>
      );
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
  }
}
