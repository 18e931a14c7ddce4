/**
 * The Logboek (audit trail of a case) as a procesregisseur reads it and hands it to a client who
 * asks "who read my file?": the role each person actually acted in, and the CSV export in the words
 * of the page, for Excel in Dutch.
 */
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organisations } from "../../db/schema";
import { fixedClock } from "../../server/clock";
import { demoCaseId, demoUserIds } from "../followup/fixture";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";
import { upgradeStatus } from "../helpers/yjs";

// 10:00 in Amsterdam (summer time).
const clock = fixedClock("2026-06-10T08:00:00Z");
let server: TestServer;
let caseId: string;
let id: (key: string) => string;

beforeAll(async () => {
  server = await startTestServer({ clock });
  caseId = await demoCaseId(server.deps.database.db);
  id = await demoUserIds(server.deps.database.db);
});
afterAll(() => server?.stop());

interface Entry {
  id: number;
  user: { id: string; name: string | null } | null;
  role: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  breakGlass: boolean;
  purpose: string | null;
}

/** The trail of a case as the Logboek page reads it (the newest 500 entries). */
async function trail(client: HttpClient, ofCase = caseId): Promise<Entry[]> {
  const res = await client.get(`/api/cases/${ofCase}/audit?limit=500`);
  expect(res.status).toBe(200);
  return res.json.entries;
}

/** The CSV export as bytes arrive (fetch's text() would drop a byte order mark) and as lines. */
async function csvExport(client: HttpClient, query = "format=csv", ofCase = caseId) {
  const res = await fetch(`${server.url}/api/cases/${ofCase}/audit/export?${query}`, {
    headers: { cookie: client.cookie ?? "" },
  });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);
  return {
    status: res.status,
    contentType: res.headers.get("content-type"),
    bytes,
    text,
    lines: text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n"),
  };
}

describe("the role in the Logboek", () => {
  it("records the procesregisseur's escalation and its closing as procesregisseur, not as her observer seat", async () => {
    const coordinator = await server.loginAs("coordinator");
    // In the demo she holds a seat on the case as observer (toehoorder), to follow the plan.
    const detail = await coordinator.get(`/api/cases/${caseId}`);
    expect(detail.json.members).toContainEqual(
      expect.objectContaining({ userId: id("coordinator"), role: "observer" }),
    );
    const late = (await coordinator.get(`/api/actions?overdue=true&caseId=${caseId}`)).json.actions[0];
    const raised = await coordinator.post("/api/escalations", {
      caseId,
      actionId: late.id,
      reason: "Twee weken geen reactie op de aanmelding.",
    });
    expect(raised.status).toBe(201);
    const closed = await coordinator.post(`/api/escalations/${raised.json.escalation.id}/resolve`, {
      outcome: "Aanmelding alsnog bevestigd.",
    });
    expect(closed.status).toBe(200);
    // Reading the plan is what her seat allows: that stays the observer's.
    expect((await coordinator.get(`/api/cases/${caseId}/plan`)).status).toBe(200);

    await trail(coordinator); // her reading of the Logboek is in the next page she reads
    const hers = (await trail(coordinator)).filter((e) => e.user?.id === id("coordinator"));
    const escalationEntries = hers.filter((e) => e.objectType === "escalation");
    expect(escalationEntries.map((e) => [e.action, e.role]).sort()).toEqual([
      ["create", "coordinator"],
      ["update", "coordinator"],
    ]);
    expect(hers.find((e) => e.objectType === "plan")?.role).toBe("observer");
    // The Logboek itself is a procesregisseur's to read, whatever her seat.
    expect(hers.find((e) => e.objectType === "audit_log")?.role).toBe("coordinator");

    const csv = await csvExport(coordinator);
    const lines = csv.lines.filter((l) => l.includes(";escalatie;"));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain(";Ingrid de Vries;Procesregisseur;Zorg- en Veiligheidshuis IJsselland;");
    }
    expect(lines[0]).toContain(";Aangemaakt;escalatie;");
    expect(lines[1]).toContain(";Gewijzigd;escalatie;");
  });

  // Fails until server/commands/case-command.ts's commandAuditActor passes the person's global role
  // (`globalRole: { userId: actor.id, role: actor.globalRole }`): action changes are logged there,
  // not through the route's auditActor.
  it("records the procesregisseur's late reason on an action as procesregisseur", async () => {
    const coordinator = await server.loginAs("coordinator");
    const late = (await coordinator.get(`/api/actions?overdue=true&caseId=${caseId}`)).json.actions[0];
    const res = await coordinator.patch(`/api/actions/${late.id}`, { lateReason: "not_carried_out" });
    expect(res.status).toBe(200);
    const entry = (await trail(coordinator)).find(
      (e) => e.user?.id === id("coordinator") && e.objectType === "action" && e.action === "update",
    );
    expect(entry?.role).toBe("coordinator");
    const csv = await csvExport(coordinator);
    expect(csv.lines.find((l) => l.includes(";Gewijzigd;actiepunt;"))).toContain(
      ";Ingrid de Vries;Procesregisseur;",
    );
  });

  it("keeps entries under break-glass flagged, with the procesregisseur's role, in the trail and the export", async () => {
    const coordinator = await server.loginAs("coordinator");
    // A case she registered but holds no seat on: its plan only under break-glass.
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-2026-088",
      title: "Huishouden L.",
      categories: ["kinderen"],
    });
    const newCase = created.json.id;
    const grant = await coordinator.post(`/api/cases/${newCase}/break-glass`, {
      reason: "Acute melding politie, regisseur onbereikbaar",
    });
    expect(grant.status).toBe(201);
    expect((await coordinator.get(`/api/cases/${newCase}/plan`)).status).toBe(200);

    const flagged = (await trail(coordinator, newCase)).filter((e) => e.breakGlass);
    expect(flagged.map((e) => e.action)).toContain("break_glass");
    expect(flagged.some((e) => e.action === "read" && e.objectType === "plan")).toBe(true);
    expect(flagged.every((e) => e.role === "coordinator")).toBe(true);

    const csv = await csvExport(coordinator, "format=csv", newCase);
    const glass = csv.lines.find((l) => l.includes(";Noodtoegang;casus;"));
    expect(glass).toContain(";Procesregisseur;");
    expect(glass).toContain(";Acute melding politie, regisseur onbereikbaar;Gelukt;ja;");
    expect(csv.lines.find((l) => l.includes(";Ingezien;veiligheidsplan;"))).toMatch(/;Gelukt;ja;/);
    // Her own registration of the case was no break-glass.
    expect(csv.lines.find((l) => l.includes(";Aangemaakt;casus;"))).toMatch(/;Gelukt;nee;/);
  });
});

describe("the Logboek export", () => {
  it("is a CSV for Excel in Dutch: byte order mark, semicolons, Dutch headers and words, section titles", async () => {
    const politie = await server.loginAs("politie");
    // The police officer opens the section "Gezin en netwerk" in the editor.
    expect(await upgradeStatus(server.url, `case:${caseId}:household`, politie.cookie)).toBe(101);

    const csv = await csvExport(await server.loginAs("coordinator"));
    expect(csv.status).toBe(200);
    expect(csv.contentType).toBe("text/csv; charset=utf-8");
    expect([...csv.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.lines[0]).toBe(
      "Nr;Wanneer;Wie;Rol;Organisatie;Handeling;Onderwerp;Kenmerk onderwerp;Reden;Uitkomst;Noodtoegang;Adres",
    );
    const read = csv.lines.find((l) => l.includes(";Karin Mulder;") && l.includes("Gezin en netwerk"));
    expect(read).toMatch(
      /^\d+;10-06-2026 10:00:00;Karin Mulder;Professional;Politie Oost-Nederland;Ingezien;sectie ‘Gezin en netwerk’;;;Gelukt;nee;\S*127\.0\.0\.1$/,
    );
    // No document names, no codes: every line has the page's words.
    expect(csv.text).not.toContain(`case:${caseId}`);
    for (const code of ["read", "create", "update", "success", "refused", "observer", "professional"]) {
      expect(csv.lines.filter((l) => l.split(";").includes(code))).toEqual([]);
    }
  });

  it("defuses a name a spreadsheet would run as a formula", async () => {
    const db = server.deps.database.db;
    const [org] = await db
      .select()
      .from(organisations)
      .where(eq(organisations.name, "Politie Oost-Nederland"));
    await db.update(organisations).set({ name: "=HYPERLINK(1)" }).where(eq(organisations.id, org.id));
    try {
      const politie = await server.loginAs("politie");
      expect((await politie.get(`/api/cases/${caseId}`)).status).toBe(200);
      const csv = await csvExport(await server.loginAs("coordinator"));
      expect(csv.text).toContain(";Karin Mulder;Professional;'=HYPERLINK(1);Ingezien;casus;");
    } finally {
      await db.update(organisations).set({ name: org.name }).where(eq(organisations.id, org.id));
    }
  });

  it("speaks English for a screen in English, refuses another language and keeps the JSON's codes", async () => {
    const coordinator = await server.loginAs("coordinator");
    const english = await csvExport(coordinator, "format=csv&lang=en");
    expect(english.status).toBe(200);
    expect(english.lines[0]).toBe(
      "No.;When;Who;Role;Organisation;Action;Subject;Subject reference;Reason;Outcome;Emergency access;Address",
    );
    expect(
      english.lines.some((l) => l.includes(";Read;section ‘Household and network’;;;Succeeded;no;")),
    ).toBe(true);
    expect(english.lines.some((l) => l.includes(";Ingrid de Vries;Coordinator;"))).toBe(true);
    expect((await csvExport(coordinator, "format=csv&lang=fr")).status).toBe(400);

    const json = await coordinator.get(`/api/cases/${caseId}/audit/export?format=json`);
    expect(json.status).toBe(200);
    const section = json.json.entries.find(
      (e: Entry) => e.objectType === "section" && e.user?.id === id("politie"),
    );
    expect(section).toMatchObject({
      action: "read",
      role: "professional",
      outcome: "success",
      objectId: `case:${caseId}:household`,
      breakGlass: false,
    });
    expect(typeof section.at).toBe("string");
  });
});
