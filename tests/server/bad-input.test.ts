/**
 * Input the database cannot hold is refused at the door with a 400 naming the field: a NUL
 * character (PostgreSQL stores none in text or jsonb) and dates outside what it or anyone can use.
 * Before, each of these reached the database and came back as a 500, and its log line quoted the
 * query's parameters: plan text and names.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "../../db/schema";
import { loggableError } from "../../server/logger";
import { demoCaseId } from "../followup/fixture";
import { type HttpClient, startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
let caseId: string;
let coordinator: HttpClient;
beforeAll(async () => {
  server = await startTestServer();
  caseId = await demoCaseId(server.deps.database.db);
  coordinator = await server.loginAs("coordinator");
});
afterAll(() => server?.stop());

const fieldsOf = (res: { json: { error: { details?: { path: string }[] } } }) =>
  res.json.error.details?.map((d) => d.path);

describe("a NUL character", () => {
  it("is refused in a body, at any depth, with the field named and nothing stored", async () => {
    const res = await coordinator.post("/api/cases", {
      reference: "MDA-2026-077",
      title: "Huishouden\u0000 Z.",
      categories: [],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_input");
    expect(fieldsOf(res)).toEqual(["title"]);
    const list = await coordinator.get("/api/cases");
    expect(list.json.cases.map((c: { reference: string }) => c.reference)).not.toContain("MDA-2026-077");

    const chair = await server.loginAs("voorzitter");
    const agenda = await chair.post(`/api/cases/${caseId}/conferences`, {
      scheduledAt: "2030-01-07T10:00:00+01:00",
      agenda: [{ title: "Terugblik" }, { title: "Veilig\u0000heid" }],
    });
    expect(agenda.status).toBe(400);
    expect(fieldsOf(agenda)).toEqual(["agenda.1.title"]);
  });

  it("is refused in a query string", async () => {
    const res = await coordinator.get("/api/actions?status=open%00");
    expect(res.status).toBe(400);
    expect(fieldsOf(res)).toEqual(["status"]);
  });
});

describe("dates", () => {
  it("that do not exist or lie outside 1900–2999 are a 400 on every route that takes one", async () => {
    const checks: [string, () => ReturnType<HttpClient["get"]>, string][] = [
      ["due from 30 February", () => coordinator.get("/api/actions?dueFrom=2026-02-30"), "dueFrom"],
      ["due to year 0", () => coordinator.get("/api/actions?dueTo=0000-01-01"), "dueTo"],
      ["figures from 30 February", () => coordinator.get("/api/figures?from=2026-02-30"), "from"],
      ["figures to year 0", () => coordinator.get("/api/figures?to=0000-06-01"), "to"],
      [
        "audit from year 0",
        () => coordinator.get(`/api/cases/${caseId}/audit?from=0000-01-01T00:00:00Z`),
        "from",
      ],
      [
        "conference in year 0",
        () =>
          coordinator.post(`/api/cases/${caseId}/conferences`, {
            scheduledAt: "0000-01-01T10:00:00Z",
            agenda: [],
          }),
        "scheduledAt",
      ],
    ];
    for (const [what, call, field] of checks) {
      const res = await call();
      expect(res.status, what).toBe(400);
      expect(fieldsOf(res), what).toEqual([field]);
    }
    expect((await coordinator.get("/api/figures?from=2026-01-01&to=2026-12-31")).status).toBe(200);
    expect((await coordinator.get("/api/actions?dueFrom=2026-01-01")).status).toBe(200);
  });
});

describe("what a refusal says", () => {
  it("is plain Dutch at the field, also for the limits no schema words itself", async () => {
    const res = await coordinator.post("/api/cases", {
      reference: "X".repeat(60),
      title: "Huishouden ".repeat(30),
      categories: ["onbekend"],
    });
    expect(res.status).toBe(400);
    expect(res.json.error.details).toEqual([
      { path: "reference", message: "Hoogstens 50 tekens." },
      { path: "title", message: "Hoogstens 200 tekens." },
      { path: "categories.0", message: "Kies een van de mogelijke waarden." },
    ]);
    const missing = await coordinator.post(`/api/cases/${caseId}/actions`, { title: 5 });
    expect(missing.status).toBe(400);
    for (const d of missing.json.error.details) expect(d.message).not.toMatch(/expected|Invalid|Required/);
    expect(missing.json.error.details).toContainEqual({
      path: "ownerUserId",
      message: "Dit veld ontbreekt.",
    });
  });
});

describe("what an unexpected error logs", () => {
  it("names the kind, the database's code and the place, never the query's parameters", async () => {
    let caught: unknown;
    try {
      // Past the input checks, the database itself refuses a NUL (what used to reach it).
      await server.deps.database.db.insert(cases).values({
        reference: "MDA-LOG-1",
        title: "Sanne\u0000 van Berkel",
        region: "ijsselland",
        categories: [],
        registeredAt: new Date(),
        createdAt: new Date(),
      });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(Error);
    expect(`${(caught as Error).stack}`).toContain("Sanne");
    const logged = loggableError(caught);
    expect(logged.type).toBe("Error");
    expect(logged.code).toMatch(/^[0-9A-Z]{5}$/);
    expect(logged.frames).toMatch(/^\s+at /);
    expect(JSON.stringify(logged)).not.toMatch(/Sanne|Berkel|MDA-LOG-1|params|insert into/);
  });

  it("copes with things thrown that are not errors", () => {
    expect(loggableError("tekst met Sanne")).toEqual({ type: "string" });
    expect(loggableError(null)).toEqual({ type: "object" });
  });
});
