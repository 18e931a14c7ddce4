/** The Markdown minutes keep user text inert: no headings, links or raw HTML can be smuggled in. */
import { describe, expect, it } from "vitest";
import { minutesMarkdown } from "../../../server/presenters/conference";
import type { MinutesView } from "../../../shared/schemas/conference";

const conference = {
  id: "c",
  caseId: "k",
  status: "ended" as const,
  scheduledAt: "2026-11-24T09:00:00.000Z",
  durationMinutes: 45,
  startedAt: "2026-11-24T09:01:00.000Z",
  endedAt: "2026-11-24T09:40:00.000Z",
  agenda: [{ title: "Open actiepunten" }],
  focusSectionKey: null,
};

describe("minutes as Markdown", () => {
  it("escapes Markdown and HTML in user text and keeps each entry on one line", () => {
    const minutes: MinutesView = {
      case: { id: "k", reference: "MDA-1", title: "Huishouden <b>X</b>" },
      conference,
      attendance: [
        {
          userId: "p",
          name: "Ellen Bakker",
          role: "professional",
          organisation: { id: "o", name: "Veilig Thuis" },
          present: null,
          joinedAt: null,
          leftAt: null,
          online: false,
        },
      ],
      decisions: [
        {
          id: "d",
          caseId: "k",
          conferenceId: "c",
          text: "Eerste regel\n# Kop\n<script>alert(1)</script> [link](http://x)",
          status: "adopted",
          proposedBy: { id: "u", name: "A" },
          proposedAt: conference.startedAt,
          adoptedBy: { id: "u", name: "A" },
          adoptedAt: conference.endedAt,
          withdrawnAt: null,
          planVersion: { id: "v", number: 3 },
          warningOverride: null,
          positions: [
            {
              userId: "u",
              name: "B",
              organisation: { id: "o", name: "Politie" },
              position: "object",
              note: "Niet *nu*",
              recordedAt: conference.endedAt,
            },
          ],
        },
      ],
      actions: [],
      reviewed: [
        {
          id: "a",
          title: "Aanmelding *GGZ*",
          changes: [
            { field: "lateReason", from: null, to: "circumstances_changed" },
            { field: "ownerUserId", from: "Joris <Smit>", to: "Karin" },
          ],
          notes: ["Wachtlijst\n## tot januari"],
        },
      ],
      planVersions: [{ id: "v", number: 3, createdAt: conference.endedAt }],
    };
    const md = minutesMarkdown(minutes);
    expect(md).not.toMatch(/^# Kop/m);
    expect(md).not.toContain("<script>");
    expect(md).toContain("\\<script\\>");
    expect(md).toContain("\\[link\\](http://x)");
    expect(md).toContain("Eerste regel \\# Kop");
    expect(md).toContain("B (Politie): bezwaar: Niet \\*nu\\*");
    expect(md).toContain("vastgesteld, planversie 3");
    expect(md).toContain(
      "- Aanmelding \\*GGZ\\* — reden vertraging: omstandigheden gewijzigd; eigenaar: Karin (was: Joris \\<Smit\\>)",
    );
    expect(md).toContain("  - Notitie: Wachtlijst \\#\\# tot januari");
    expect(md).toContain("Geen actiepunten.");
    expect(md).toContain("- Ellen Bakker (Veilig Thuis): aanwezigheid niet vastgelegd");
    // Times in Amsterdam (CET in November: UTC+1).
    expect(md).toContain("Begonnen: 24 november 2026 om 10:01");
  });

  it("names present participants without a position, and writes dates and changes as Dutch words", () => {
    const person = (userId: string, name: string, role: string, present: "present" | "absent" | null) => ({
      userId,
      name,
      role,
      organisation: { id: "o", name: "Veilig Thuis" },
      present,
      joinedAt: null,
      leftAt: null,
      online: false,
    });
    const decision = (id: string, status: "adopted" | "withdrawn") => ({
      id,
      caseId: "k",
      conferenceId: "c",
      text: `Besluit ${id}`,
      status,
      proposedBy: null,
      proposedAt: conference.startedAt,
      adoptedBy: null,
      adoptedAt: status === "adopted" ? conference.endedAt : null,
      withdrawnAt: status === "withdrawn" ? conference.endedAt : null,
      planVersion: null,
      warningOverride: null,
      positions: [
        {
          userId: "joris",
          name: "Joris Smit",
          organisation: null,
          position: "agree" as const,
          note: null,
          recordedAt: conference.endedAt,
        },
      ],
    });
    const md = minutesMarkdown({
      case: { id: "k", reference: "MDA-1", title: "Huishouden X" },
      conference,
      attendance: [
        person("ellen", "Ellen Bakker", "professional", "present"),
        person("joris", "Joris Smit", "caseDirector", "present"),
        person("marco", "Marco Jansen", "chair", "present"),
        person("ingrid", "Ingrid de Vries", "observer", "present"),
        person("karin", "Karin Mulder", "professional", "absent"),
        person("petra", "Petra Hoekstra", "expertByExperience", null),
      ],
      decisions: [decision("A", "adopted"), decision("B", "withdrawn")],
      actions: [],
      reviewed: [
        {
          id: "a",
          title: "Traumabehandeling",
          changes: [
            { field: "dueDate", from: "2026-11-20", to: "2026-12-01" },
            { field: "status", from: "open", to: "done" },
          ],
          notes: [],
        },
      ],
      planVersions: [],
    });
    expect(md).toMatch(/^# Verslag casusoverleg MDA-1$/m);
    expect(md).not.toContain("MDA++");
    // Under the adopted decision: Ellen, present, said nothing. Not the chair (who adopts), the
    // observer, those not present, or anyone under the withdrawn proposal.
    const [adopted, withdrawn] = md.split("2. Besluit B");
    expect(adopted).toContain("   - Joris Smit: eens\n   - Ellen Bakker (Veilig Thuis): geen standpunt\n");
    expect(md.match(/geen standpunt/g)).toHaveLength(1);
    expect(withdrawn).not.toContain("geen standpunt");
    expect(md).toContain(
      "- Traumabehandeling — uiterlijk: 1 december 2026 (was: 20 november 2026); status: gereed (was: open)",
    );
  });
});
