import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmail, demoPassword } from "../../../db/seed/demo";
import { startTestServer, type TestServer } from "../../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("changing one's password", () => {
  it("needs the current password, refuses a weak one, and ends every other session", async () => {
    const here = await server.loginAs("politie");
    const elsewhere = await server.loginAs("politie");
    const wrong = await here.post("/api/auth/password", {
      currentPassword: "niet-het-wachtwoord",
      newPassword: "x",
    });
    expect(wrong.status).toBe(403);
    const weak = await here.post("/api/auth/password", {
      currentPassword: demoPassword,
      newPassword: "wachtwoord1234",
    });
    expect(weak.status).toBe(400);
    expect(weak.json.error.details[0].path).toBe("newPassword");
    const ok = await here.post("/api/auth/password", {
      currentPassword: demoPassword,
      newPassword: "groene-reiger-op-de-dijk",
    });
    expect(ok.status).toBe(200);
    expect((await here.get("/api/me")).status).toBe(200); // this browser goes on with a fresh session
    expect((await elsewhere.get("/api/me")).status).toBe(401);
    const old = await server
      .client()
      .post("/api/auth/login", { email: demoEmail("politie"), password: demoPassword });
    expect(old.status).toBe(401);
    const fresh = await server
      .client()
      .post("/api/auth/login", { email: demoEmail("politie"), password: "groene-reiger-op-de-dijk" });
    expect(fresh.status).toBe(200);
    expect(
      (await server.client().post("/api/auth/password", { currentPassword: "a", newPassword: "b" })).status,
    ).toBe(401);
  });
});
