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
      "- Aanmelding \\*GGZ\\* — reden vertraging: — → omstandigheden gewijzigd; eigenaar: Joris \\<Smit\\> → Karin",
    );
    expect(md).toContain("  - Notitie: Wachtlijst \\#\\# tot januari");
    expect(md).toContain("Geen actiepunten.");
    expect(md).toContain("- Ellen Bakker (Veilig Thuis): aanwezigheid niet vastgelegd");
    // Times in Amsterdam (CET in November: UTC+1).
    expect(md).toContain("Begonnen: 24-11-2026, 10:01");
  });
});
