import { describe, expect, it } from "vitest";
import { parseSectionDocName, planTemplate, sectionDocName } from "../../shared/plan";
import {
  colourFor,
  groupByPhase,
  openingSection,
  readableSections,
} from "../../web/src/features/plan/sections";
import type { CaseSection } from "../../web/src/lib/case";

const all = (except: string[] = []): CaseSection[] =>
  planTemplate.map((t) => ({ key: t.key, read: t.read, canRead: !except.includes(t.key), canEdit: true }));

describe("the sections the workspace shows", () => {
  it("leaves out every section the user may not read", () => {
    const keys = readableSections(all(["risk", "confidential"])).map((s) => s.template.key);
    expect(keys).not.toContain("risk");
    expect(keys).not.toContain("confidential");
    expect(keys).toContain("household");
  });

  it("groups sections by phase in phase order", () => {
    const groups = groupByPhase(readableSections(all()));
    expect(groups.map((g) => g.phase)).toEqual([
      "veiligheid",
      "risicogestuurde_zorg",
      "herstelgerichte_zorg",
    ]);
    expect(groups[1].sections.map((s) => s.template.key)).toEqual(["care"]);
  });
});

describe("where the workspace opens", () => {
  const readable = readableSections(all());

  it("opens a household in veiligheid on directe veiligheid when it has text", () => {
    expect(openingSection("veiligheid", readable, () => true)).toBe("immediate_safety");
  });

  it("skips an empty priority section for the next one with text", () => {
    expect(openingSection("veiligheid", readable, (k) => k === "concerns")).toBe("concerns");
  });

  it("opens on care in risicogestuurde zorg and monitoring in herstelgerichte zorg", () => {
    expect(openingSection("risicogestuurde_zorg", readable, () => true)).toBe("care");
    expect(openingSection("herstelgerichte_zorg", readable, () => true)).toBe("monitoring");
  });

  it("falls back to the phase's first readable section when the text is unknown or all empty", () => {
    expect(openingSection("veiligheid", readable)).toBe("immediate_safety");
    expect(openingSection("veiligheid", readable, () => false)).toBe("immediate_safety");
  });

  it("never opens on a section the user may not read", () => {
    const limited = readableSections(
      all(["immediate_safety", "conditions", "concerns", "signals", "household"]),
    );
    // None of the phase's priorities is readable: the first readable section in plan order.
    expect(openingSection("veiligheid", limited, () => true)).toBe("risk");
  });
});

describe("caret colours", () => {
  it("gives a user the same valid colour every time", () => {
    const id = "4b0c0a52-1f5e-4f62-9d7e-3f1f6f2f1a10";
    expect(colourFor(id)).toBe(colourFor(id));
    expect(colourFor(id)).toMatch(/^#[0-9a-f]{6}$/);
  });
});

describe("section document names", () => {
  const id = "0b8e7c6d-5f4a-4b3c-8d2e-1f0a9b8c7d6e";
  it("parse back to case and section, and only with a lower-case uuid as the case", () => {
    expect(parseSectionDocName(sectionDocName(id, "household"))).toEqual({
      caseId: id,
      sectionKey: "household",
    });
    expect(parseSectionDocName(`case:${"-".repeat(36)}:household`)).toBeUndefined();
    expect(parseSectionDocName(`case:${id.toUpperCase()}:household`)).toBeUndefined();
    expect(parseSectionDocName(`case:${id}:geen_sectie`)).toBeUndefined();
  });
});
