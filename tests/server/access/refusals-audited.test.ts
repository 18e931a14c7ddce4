import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("refusals inside a visible case", () => {
  it("writes a refused entry when a coordinator who is not a member asks for the plan", async () => {
    const coordinator = await server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-2026-077",
      title: "Huishouden R.",
      categories: ["kinderen"],
    });
    expect(created.status).toBe(201);
    const caseId = created.json.id;

    // The coordinator sees the case's metadata, but its plan only as a member or under break-glass.
    expect((await coordinator.get(`/api/cases/${caseId}`)).status).toBe(200);
    expect((await coordinator.get(`/api/cases/${caseId}/plan`)).status).toBe(403);

    const trail = await coordinator.get(`/api/cases/${caseId}/audit`);
    expect(trail.status).toBe(200);
    const refused = trail.json.entries.filter(
      (e: { action: string; outcome: string; user: { name: string } | null }) =>
        e.action === "refused" && e.outcome === "refused",
    );
    expect(refused).toHaveLength(1);
    expect(refused[0].user.name).toBe("Ingrid de Vries");
    expect(refused[0].objectType).toBe("case");
  });
});

describe("reads under break-glass", () => {
  it("flags a coordinator's conference read under break-glass in the trail", async () => {
    const coordinator = await server.loginAs("coordinator");
    const created = await coordinator.post("/api/cases", {
      reference: "MDA-2026-078",
      title: "Huishouden S.",
      categories: ["kinderen"],
    });
    const caseId = created.json.id;
    const grant = await coordinator.post(`/api/cases/${caseId}/break-glass`, {
      reason: "Acute dreiging gemeld, regisseur niet bereikbaar.",
    });
    expect(grant.status).toBeLessThan(300);
    expect((await coordinator.get(`/api/cases/${caseId}/conferences`)).status).toBe(200);

    const trail = await coordinator.get(`/api/cases/${caseId}/audit`);
    const read = trail.json.entries.find(
      (e: { action: string; objectType: string }) => e.action === "read" && e.objectType === "conferences",
    );
    expect(read).toMatchObject({ breakGlass: true, outcome: "success" });
  });
});
