/** The order of an agenda being planned keeps the place the chair gave each item while the form changes. */
import { describe, expect, it } from "vitest";
import {
  itemOf,
  lineItemIds,
  moveItem,
  reconcile,
  sectionItemId,
} from "../../web/src/features/conference/agenda-order";

/** The order after each step of typing `text` into the other-items box, one character at a time. */
function typed(start: string[], sections: string[], before: string, text: string): string[] {
  let order = start;
  for (let i = 1; i <= text.length; i++)
    order = reconcile(order, [...sections.map(sectionItemId), ...lineItemIds(before + text.slice(0, i))]);
  return order;
}
const titles = (order: string[]) =>
  order.map((id) => {
    const item = itemOf(id);
    return "title" in item ? item.title : `§${item.sectionKey}`;
  });

describe("the order of a planned agenda", () => {
  it("puts what is added last, whether a section or a line", () => {
    let order = reconcile([], lineItemIds("Openstaande actiepunten"));
    order = reconcile(order, [sectionItemId("immediate_safety"), ...lineItemIds("Openstaande actiepunten")]);
    order = typed(order, ["immediate_safety"], "Openstaande actiepunten\n", "Rondvraag");
    expect(titles(order)).toEqual(["Openstaande actiepunten", "§immediate_safety", "Rondvraag"]);
  });

  it("keeps a line where the chair moved it while it is edited, and drops it when emptied", () => {
    const sections = ["immediate_safety", "child_voice"];
    let order = reconcile([], [...sections.map(sectionItemId), ...lineItemIds("School")]);
    order = moveItem(order, order[2], -1);
    expect(titles(order)).toEqual(["§immediate_safety", "School", "§child_voice"]);
    order = typed(order, sections, "School", " groep 5");
    expect(titles(order)).toEqual(["§immediate_safety", "School groep 5", "§child_voice"]);
    order = reconcile(order, [...sections.map(sectionItemId), ...lineItemIds("")]);
    expect(titles(order)).toEqual(["§immediate_safety", "§child_voice"]);
  });

  it("tells repeated lines apart and moves nothing past either end", () => {
    expect(lineItemIds("Rondvraag\n\n Rondvraag ")).toEqual(["t:0:Rondvraag", "t:1:Rondvraag"]);
    expect(itemOf("t:1:Rondvraag: wie?")).toEqual({ title: "Rondvraag: wie?" });
    const order = ["a", "b"];
    expect(moveItem(order, "a", -1)).toBe(order);
    expect(moveItem(order, "b", 1)).toBe(order);
    expect(moveItem(order, "b", -1)).toEqual(["b", "a"]);
  });
});
