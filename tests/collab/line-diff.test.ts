import { describe, expect, it } from "vitest";
import { diffLines } from "../../server/collab/line-diff";

describe("diffLines", () => {
  it("aligns unchanged lines and shows what was removed and added", () => {
    expect(diffLines("a\nb\nc", "a\nx\nc\nd")).toEqual([
      { op: "same", text: "a" },
      { op: "removed", text: "b" },
      { op: "added", text: "x" },
      { op: "same", text: "c" },
      { op: "added", text: "d" },
    ]);
  });

  it("handles empty texts", () => {
    expect(diffLines("", "")).toEqual([]);
    expect(diffLines("", "nieuw")).toEqual([{ op: "added", text: "nieuw" }]);
    expect(diffLines("oud", "")).toEqual([{ op: "removed", text: "oud" }]);
  });

  it("finds a moved line as removed and added", () => {
    const lines = diffLines("1\n2\n3", "2\n3\n1");
    expect(lines.filter((l) => l.op !== "same")).toEqual([
      { op: "removed", text: "1" },
      { op: "added", text: "1" },
    ]);
  });
});
