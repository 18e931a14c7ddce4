/**
 * Linking an authenticator app across logins: the key is not confirmed until the first code, and
 * someone who scanned it and was interrupted logs in again to the same key, not a new one.
 */
import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../server/clock";
import { type HttpClient, startTestServer, type TestServer } from "../../helpers/server";

// Demo mode: the demo administrator needs no second factor; the account made here does.
const clock = fixedClock("2026-03-02T09:00:10Z");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ clock });
});
afterAll(() => server?.stop());

const code = (secret: string) =>
  generateHOTP(decodeBase32(secret), BigInt(Math.floor(clock.now().getTime() / 30_000)), 6);

/** A new account made by the administrator: its id and start password. */
async function newAccount(admin: HttpClient, email: string): Promise<{ id: string; password: string }> {
  const created = await admin.post("/api/admin/users", { name: "Lotte Jansen", email });
  expect(created.status).toBe(201);
  const users = await admin.get("/api/admin/users");
  const id = users.json.users.find((u: { email: string }) => u.email === email).id;
  return { id, password: created.json.startPassword };
}

/** A new session of that account after its password, still owing the second factor. */
async function passwordStep(s: TestServer, email: string, password: string): Promise<HttpClient> {
  const client = s.client();
  const res = await client.post("/api/auth/login", { email, password });
  expect(res.status).toBe(200);
  expect(res.json.secondFactorRequired).toBe(true);
  return client;
}

describe("linking an authenticator app over more than one login", () => {
  it("shows the same key at every login until it is confirmed; after a reset a new one", async () => {
    const admin = await server.loginAs("admin");
    const email = "lotte.jansen@example.nl";
    const account = await newAccount(admin, email);

    const first = await (await passwordStep(server, email, account.password)).post("/api/auth/enrolment");
    expect(first.status).toBe(200);
    // Interrupted before the code: the next login (another session) shows the key already scanned.
    const again = await passwordStep(server, email, account.password);
    const second = await again.post("/api/auth/enrolment");
    expect(second.status).toBe(200);
    expect(second.json.secret).toBe(first.json.secret);
    expect(second.json.uri).toBe(first.json.uri);
    // The app's entry from the first login confirms it.
    expect((await again.post("/api/auth/enrolment/confirm", { code: code(first.json.secret) })).status).toBe(
      200,
    );
    const linked = await passwordStep(server, email, account.password);
    expect((await linked.post("/api/auth/enrolment")).status).toBe(409);

    // Phone lost: the administrator resets the second step, and the next login gets a new key.
    expect((await admin.post(`/api/admin/users/${account.id}/reset-second-factor`)).status).toBe(200);
    const reset = await (await passwordStep(server, email, account.password)).post("/api/auth/enrolment");
    expect(reset.status).toBe(200);
    expect(reset.json.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(reset.json.secret).not.toBe(first.json.secret);
    const later = await (await passwordStep(server, email, account.password)).post("/api/auth/enrolment");
    expect(later.json.secret).toBe(reset.json.secret);
  });
});
