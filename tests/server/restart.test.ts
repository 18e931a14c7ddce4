import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/database";
import { startTestServer } from "../helpers/server";

describe("durability across restarts", () => {
  it("keeps data and sessions after a restart on the same database", async () => {
    const database = await createTestDatabase({ persistent: true });
    try {
      const first = await startTestServer({ database });
      const client = await first.loginAs("voorzitter");
      await first.close();

      const second = await startTestServer({ database });
      const c = second.client();
      c.cookie = client.cookie;
      const me = await c.get("/api/me");
      expect(me.status).toBe(200);
      expect(me.json.email).toBe("voorzitter@demo.eenplan.nl");
      const cases = await c.get("/api/cases");
      expect(cases.json.cases).toHaveLength(1);
      await second.close();
    } finally {
      await database.drop();
    }
  });
});
