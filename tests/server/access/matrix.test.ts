import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema";
import { demoEmail } from "../../../db/seed/demo";
import { fixedClock } from "../../../server/clock";
import { demoCaseId, demoUserIds } from "../../followup/fixture";
import {
  type MatrixContext,
  type MatrixRole,
  matrixRoles,
  resolveBody,
  resolvePath,
  routeTable,
} from "../../helpers/route-table";
import { type HttpClient, startTestServer, type TestServer } from "../../helpers/server";

const clock = fixedClock("2026-03-02T09:00:00Z");
let server: TestServer;
let caseId: string;
let userId: (key: string) => string;
const clients = new Map<MatrixRole, HttpClient>();

beforeAll(async () => {
  server = await startTestServer({ clock });
  const db = server.deps.database.db;
  caseId = await demoCaseId(db);
  userId = await demoUserIds(db);
  // The expired session logs in first; the clock then moves past the idle limit.
  clients.set("expired", await server.loginAs("politie"));
  clock.advance(2 * 3_600_000 + 60_000);
  clients.set("anonymous", server.client());
  const disabled = await server.loginAs("veiligthuis");
  await db
    .update(users)
    .set({ disabledAt: clock.now() })
    .where(eq(users.email, demoEmail("veiligthuis")));
  clients.set("disabled", disabled);
  for (const role of [
    "buitenstaander",
    "ervaringsdeskundige",
    "coordinator",
    "voorzitter",
    "admin",
  ] as const) {
    clients.set(role, await server.loginAs(role));
  }
});
afterAll(() => server?.stop());

describe("the authorisation matrix", () => {
  for (const role of matrixRoles) {
    it(`answers every route as CONTRACT.md says for ${role}`, async () => {
      const client = clients.get(role) as HttpClient;
      const ctx: MatrixContext = {
        role,
        caseId,
        userId,
      };
      const got: string[] = [];
      const want: string[] = [];
      for (const row of routeTable) {
        const body = resolveBody(row, ctx);
        const res = await client.request(row.method, resolvePath(row.path, ctx), body);
        got.push(`${row.method} ${row.path} → ${res.status}`);
        want.push(`${row.method} ${row.path} → ${row.expect[role] ?? row.expect.other}`);
        expect(res.status, `${row.method} ${row.path}: ${res.text.slice(0, 200)}`).toBeLessThan(500);
      }
      expect(got).toEqual(want);
    });
  }

  it("answers an unknown case the same as a hidden one", async () => {
    const client = clients.get("voorzitter") as HttpClient;
    const res = await client.get("/api/cases/00000000-0000-4000-8000-000000000000");
    expect(res.status).toBe(404);
    expect((await client.get("/api/cases/not-a-uuid")).status).toBe(404);
  });
});
