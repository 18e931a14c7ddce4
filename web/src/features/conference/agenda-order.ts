/**
 * The order of an agenda being planned. Every item has an id (a plan section by its key, another
 * item by its text and how often that text came before), and the order is a list of those ids
 * that keeps the place the chair gave each item while sections are ticked and lines typed.
 */

/** The id of a plan section on the agenda. */
export const sectionItemId = (key: string) => `s:${key}`;

/** The ids of the other items, one per non-empty line; a repeated line gets its own. */
export function lineItemIds(text: string): string[] {
  const seen = new Map<string, number>();
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter(Boolean)
    .map((title) => {
      const n = seen.get(title) ?? 0;
      seen.set(title, n + 1);
      return `t:${n}:${title}`;
    });
}

/** What an id stands for: a plan section's key, or the text of another item. */
export function itemOf(id: string): { sectionKey: string } | { title: string } {
  if (id.startsWith("s:")) return { sectionKey: id.slice(2) };
  return { title: id.slice(id.indexOf(":", 2) + 1) };
}

const isLine = (id: string) => id.startsWith("t:");

/**
 * The order after the form changed: items still there keep their place, a line being edited stays
 * where it stood (the text that went and the text that came pair up), and new items go last.
 */
export function reconcile(previous: string[], present: string[]): string[] {
  const now = new Set(present);
  const before = new Set(previous);
  const added = present.filter((id) => !before.has(id));
  const addedLines = added.filter(isLine);
  const kept: string[] = [];
  for (const id of previous) {
    if (now.has(id)) kept.push(id);
    else if (isLine(id) && addedLines.length > 0) kept.push(addedLines.shift() as string);
  }
  const placed = new Set(kept);
  return [...kept, ...added.filter((id) => !placed.has(id))];
}

/** The order with `id` moved one place up (-1) or down (1); unchanged at either end. */
export function moveItem(order: string[], id: string, by: -1 | 1): string[] {
  const from = order.indexOf(id);
  const to = from + by;
  if (from < 0 || to < 0 || to >= order.length) return order;
  const next = [...order];
  [next[from], next[to]] = [next[to], next[from]];
  return next;
}
