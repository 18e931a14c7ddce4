import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoEmail, demoPassword } from "../../../db/seed/demo";
import { fixedClock } from "../../../server/clock";
import { startTestServer, type TestServer } from "../../helpers/server";

const clock = fixedClock("2026-03-02T08:00:00Z");

/** Logs in from a chosen loopback address (as another computer would); answers the status. */
function loginFrom(localAddress: string, email: string, password: string): Promise<number> {
  const body = JSON.stringify({ email, password });
  return new Promise((resolve, reject) => {
    const req = request(
      `${server.url}/api/auth/login`,
      {
        method: "POST",
        localAddress,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server?.stop());

const hour = 3_600_000;

describe("sessions", () => {
  it("keeps a session alive while it is used and ends it after two idle hours", async () => {
    const c = await server.loginAs("wijkteam");
    clock.advance(hour + 50 * 60_000); // 1:50 idle: still valid, and the use slides the expiry
    expect((await c.get("/api/me")).status).toBe(200);
    clock.advance(hour + 50 * 60_000); // 1:50 since the last use
    expect((await c.get("/api/me")).status).toBe(200);
    clock.advance(2 * hour + 60_000);
    const res = await c.get("/api/me");
    expect(res.status).toBe(401);
    expect(res.json.error.code).toBe("unauthenticated");
    expect(c.cookie).toBeNull(); // the cookie is cleared
  });

  it("ends an active session after twelve hours however busy it is", async () => {
    const c = await server.loginAs("wijkteam");
    for (let i = 0; i < 11; i++) {
      clock.advance(hour);
      expect((await c.get("/api/me")).status).toBe(200);
    }
    clock.advance(hour - 60_000);
    expect((await c.get("/api/me")).status).toBe(200);
    clock.advance(60_000);
    expect((await c.get("/api/me")).status).toBe(401);
  });

  it("logs out: the old cookie no longer works", async () => {
    const c = await server.loginAs("voorzitter");
    const cookie = c.cookie as string;
    const out = await c.post("/api/auth/logout");
    expect(out.status).toBe(200);
    expect(out.headers.get("set-cookie")).toMatch(/session=;/);
    const replay = server.client();
    replay.cookie = cookie;
    expect((await replay.get("/api/me")).status).toBe(401);
  });

  it("sets the cookie HttpOnly and SameSite", async () => {
    const res = await server
      .client()
      .post("/api/auth/login", { email: demoEmail("politie"), password: demoPassword });
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
  });

  it("refuses a tampered session token", async () => {
    const c = await server.loginAs("politie");
    const [id] = (c.sessionToken as string).split(".");
    const forged = server.client();
    forged.cookie = `session=${id}.aaaaaaaaaaaaaaaaaaaaaaaa`;
    expect((await forged.get("/api/me")).status).toBe(401);
  });
});

describe("logging in", () => {
  it("gives the same answer for an unknown account and a wrong password", async () => {
    const unknown = await server
      .client()
      .post("/api/auth/login", { email: "niemand@example.nl", password: "x".repeat(14) });
    const wrong = await server
      .client()
      .post("/api/auth/login", { email: demoEmail("ggz-niet"), password: "x".repeat(14) });
    const wrongPassword = await server
      .client()
      .post("/api/auth/login", { email: demoEmail("veiligthuis"), password: "x".repeat(14) });
    expect(unknown.status).toBe(401);
    expect(wrongPassword.status).toBe(401);
    expect(wrongPassword.json).toEqual(unknown.json);
    expect(wrong.json).toEqual(unknown.json);
  });

  it("limits attempts per account with 429 and Retry-After, even with the right password", async () => {
    const email = demoEmail("politie");
    for (let i = 0; i < 5; i++) {
      const res = await server.client().post("/api/auth/login", { email, password: `fout-${i}-wachtwoord` });
      expect(res.status).toBe(401);
    }
    const blocked = await server.client().post("/api/auth/login", { email, password: demoPassword });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another account from the same address can still log in.
    expect(
      (
        await server
          .client()
          .post("/api/auth/login", { email: demoEmail("wijkteam"), password: demoPassword })
      ).status,
    ).toBe(200);
    clock.advance(15 * 60_000 + 1000);
    expect((await server.client().post("/api/auth/login", { email, password: demoPassword })).status).toBe(
      200,
    );
  });

  it("blocks guessing one account from one address without locking its owner out elsewhere", async () => {
    clock.advance(16 * 60_000);
    const email = demoEmail("voorzitter");
    for (let i = 0; i < 5; i++) {
      expect(await loginFrom("127.0.0.1", email, `fout-${i}-wachtwoord`)).toBe(401);
    }
    expect(await loginFrom("127.0.0.1", email, demoPassword)).toBe(429);
    // The chair, at another address, still gets in.
    expect(await loginFrom("127.0.0.2", email, demoPassword)).toBe(200);
    // Guessing from many addresses stops too: 50 tries on one account from anywhere.
    for (let i = 0; i < 50; i++) {
      await loginFrom(`127.0.1.${1 + (i % 10)}`, email, `fout-${i}-wachtwoord`);
    }
    expect(await loginFrom("127.0.0.3", email, demoPassword)).toBe(429);
    clock.advance(16 * 60_000);
    expect(await loginFrom("127.0.0.3", email, demoPassword)).toBe(200);
  });

  it("limits attempts per address across accounts", async () => {
    clock.advance(16 * 60_000);
    let last = 0;
    for (let i = 0; i < 30; i++) {
      const res = await server
        .client()
        .post("/api/auth/login", { email: `onbekend${i}@example.nl`, password: "verkeerd-wachtwoord" });
      last = res.status;
    }
    expect(last).toBe(401);
    const blocked = await server
      .client()
      .post("/api/auth/login", { email: demoEmail("voorzitter"), password: demoPassword });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
    clock.advance(16 * 60_000);
  });
});

describe("CSRF", () => {
  it("refuses a state change sent from another site's page", async () => {
    const c = await server.loginAs("coordinator");
    const evil = await c.post(
      "/api/cases",
      { reference: "CSRF-1", title: "x", categories: [] },
      { origin: "https://evil.example" },
    );
    expect(evil.status).toBe(403);
    expect(evil.json.error.code).toBe("csrf");
    const crossSite = await c.post("/api/auth/logout", {}, { "sec-fetch-site": "cross-site" });
    expect(crossSite.status).toBe(403);
    expect((await c.get("/api/me")).status).toBe(200); // the session survived
    const same = await c.post(
      "/api/cases",
      { reference: "CSRF-1", title: "x", categories: [] },
      { origin: server.url },
    );
    expect(same.status).toBe(201);
  });
});
