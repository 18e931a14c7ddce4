import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { users } from "../../../db/schema";
import { demoEmail, demoPassword } from "../../../db/seed/demo";
import { fixedClock } from "../../../server/clock";
import { createTestDatabase } from "../../helpers/database";
import { type HttpClient, startTestServer, type TestServer } from "../../helpers/server";

// Outside demo mode every account, demo ones included, needs a second factor. The server's clock
// is fixed so the test decides when a 30-second step passes.
const clock = fixedClock("2026-03-02T09:00:10Z");
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ config: { demo: false }, clock });
});
afterAll(() => server?.stop());

async function passwordStep(
  key: string,
): Promise<{ client: HttpClient; answer: { secondFactorRequired: boolean; secondFactorEnrolled: boolean } }> {
  const client = server.client();
  const res = await client.post("/api/auth/login", { email: demoEmail(key), password: demoPassword });
  expect(res.status).toBe(200);
  return { client, answer: res.json };
}

/** The RFC 6238 code at the server's time (TOTP is HOTP of the 30-second step). */
const code = (secret: string) =>
  generateHOTP(decodeBase32(secret), BigInt(Math.floor(clock.now().getTime() / 30_000)), 6);
const otherCode = (c: string) => String((Number(c) + 1) % 1_000_000).padStart(6, "0");

describe("the second factor", () => {
  let secret: string;

  it("lets a pending session do nothing but the second factor and logging out", async () => {
    const { client, answer } = await passwordStep("wijkteam");
    expect(answer).toMatchObject({ secondFactorRequired: true, secondFactorEnrolled: false });
    const me = await client.get("/api/me");
    expect(me.status).toBe(401);
    expect(me.json.error.code).toBe("second_factor_required");
    expect((await client.get("/api/cases")).status).toBe(401);
    expect((await client.post("/api/cases", { reference: "X", title: "x", categories: [] })).status).toBe(
      401,
    );
    expect((await client.post("/api/auth/logout")).status).toBe(200);
  });

  it("enrols an authenticator app with a QR code and the secret as text", async () => {
    const { client } = await passwordStep("wijkteam");
    const res = await client.post("/api/auth/enrolment");
    expect(res.status).toBe(200);
    expect(res.json.uri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(res.json.uri).toContain("period=30");
    expect(res.json.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(res.json.qrCode.split(",")[1], "base64").toString()).toContain("<svg");
    secret = res.json.secret;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);

    const wrong = await client.post("/api/auth/enrolment/confirm", { code: otherCode(code(secret)) });
    expect(wrong.status).toBe(401);
    expect((await client.get("/api/me")).status).toBe(401);
    const bad = await client.post("/api/auth/enrolment/confirm", { code: "12ab" });
    expect(bad.status).toBe(400);

    const ok = await client.post("/api/auth/enrolment/confirm", { code: code(secret) });
    expect(ok.status).toBe(200);
    const me = await client.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.json.totpEnabled).toBe(true);
    // Enrolled: a second enrolment (say with a stolen password) is refused.
    expect((await client.post("/api/auth/enrolment")).status).toBe(409);
  });

  it("asks for the code at the next login, refuses a wrong one and a replayed one", async () => {
    const { client, answer } = await passwordStep("wijkteam");
    expect(answer).toMatchObject({ secondFactorRequired: true, secondFactorEnrolled: true });
    expect((await client.post("/api/auth/enrolment")).status).toBe(409);
    const wrong = await client.post("/api/auth/second-factor", { code: otherCode(code(secret)) });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error.message).toContain("code klopt niet");
    expect((await client.get("/api/me")).status).toBe(401);

    // The code used at enrolment is spent for its window, even though it is still current.
    expect((await client.post("/api/auth/second-factor", { code: code(secret) })).status).toBe(401);
    clock.advance(30_000);
    const pendingCookie = client.cookie;
    expect((await client.post("/api/auth/second-factor", { code: code(secret) })).status).toBe(200);
    expect((await client.get("/api/me")).status).toBe(200);
    // The completed login has a new token; the half-authenticated one is gone (no session fixation).
    expect(client.cookie).not.toBe(pendingCookie);
    const stale = server.client();
    stale.cookie = pendingCookie;
    expect((await stale.get("/api/me")).status).toBe(401);

    // Someone who saw that code over a shoulder cannot replay it in the same window.
    const again = await passwordStep("wijkteam");
    expect((await again.client.post("/api/auth/second-factor", { code: code(secret) })).status).toBe(401);
    // One step of drift either way is accepted.
    clock.advance(60_000);
    const late = generateHOTP(
      decodeBase32(secret),
      BigInt(Math.floor(clock.now().getTime() / 30_000)) - 1n,
      6,
    );
    expect((await again.client.post("/api/auth/second-factor", { code: late })).status).toBe(200);
  });

  it("stops guessing after five wrong codes with 429", async () => {
    const { client } = await passwordStep("politie");
    const enrol = await client.post("/api/auth/enrolment");
    for (let i = 0; i < 5; i++) {
      const res = await client.post("/api/auth/enrolment/confirm", {
        code: otherCode(code(enrol.json.secret)),
      });
      expect(res.status).toBe(401);
    }
    const blocked = await client.post("/api/auth/enrolment/confirm", { code: code(enrol.json.secret) });
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("retry-after")).toMatch(/^\d+$/);
  });

  it("lets an admin reset someone's second factor, which ends their sessions", async () => {
    // The admin enrols first (outside demo mode they need it too).
    const { client: admin } = await passwordStep("admin");
    const enrol = await admin.post("/api/auth/enrolment");
    expect((await admin.post("/api/auth/enrolment/confirm", { code: code(enrol.json.secret) })).status).toBe(
      200,
    );
    const users = await admin.get("/api/admin/users");
    const wijkteam = users.json.users.find((u: { email: string }) => u.email === demoEmail("wijkteam"));
    expect(wijkteam.totpEnabled).toBe(true);

    const victim = await passwordStep("wijkteam");
    const reset = await admin.post(`/api/admin/users/${wijkteam.id}/reset-second-factor`);
    expect(reset.status).toBe(200);
    expect((await victim.client.post("/api/auth/second-factor", { code: "000000" })).status).toBe(401);
    const after = await passwordStep("wijkteam");
    expect(after.answer.secondFactorEnrolled).toBe(false);
  });
});

describe("demo mode", () => {
  it("needs no second factor for a demo account, but does for another account", async () => {
    const demo = await startTestServer({ config: { demo: true } });
    try {
      const res = await demo
        .client()
        .post("/api/auth/login", { email: demoEmail("wijkteam"), password: demoPassword });
      expect(res.json.secondFactorRequired).toBe(false);
      const admin = await demo.loginAs("admin");
      const created = await admin.post("/api/admin/users", {
        name: "Nieuw Account",
        email: "nieuw@example.nl",
      });
      expect(created.status).toBe(201);
      const login = await demo
        .client()
        .post("/api/auth/login", { email: "nieuw@example.nl", password: created.json.startPassword });
      expect(login.status).toBe(200);
      expect(login.json.secondFactorRequired).toBe(true);
    } finally {
      await demo.stop();
    }
  });
});

describe("a spent code across a restart", () => {
  it("stays spent when the server restarts within its window", async () => {
    const database = await createTestDatabase({ persistent: true });
    const at = fixedClock("2026-03-02T10:00:05Z");
    const stepCode = (secret: string) =>
      generateHOTP(decodeBase32(secret), BigInt(Math.floor(at.now().getTime() / 30_000)), 6);
    const loginStep = async (s: TestServer) => {
      const client = s.client();
      expect(
        (await client.post("/api/auth/login", { email: demoEmail("veiligthuis"), password: demoPassword }))
          .status,
      ).toBe(200);
      return client;
    };
    let first: TestServer | undefined = await startTestServer({
      config: { demo: false },
      clock: at,
      database,
    });
    try {
      const enrolling = await loginStep(first);
      const secret = (await enrolling.post("/api/auth/enrolment")).json.secret;
      expect((await enrolling.post("/api/auth/enrolment/confirm", { code: stepCode(secret) })).status).toBe(
        200,
      );
      at.advance(30_000);
      const code = stepCode(secret);
      expect((await (await loginStep(first)).post("/api/auth/second-factor", { code })).status).toBe(200);
      await first.close();
      first = undefined;

      const second = await startTestServer({ config: { demo: false }, clock: at, database });
      try {
        const replay = await loginStep(second);
        expect((await replay.post("/api/auth/second-factor", { code })).status).toBe(401);
        at.advance(30_000);
        expect((await replay.post("/api/auth/second-factor", { code: stepCode(secret) })).status).toBe(200);
      } finally {
        await second.close();
      }
    } finally {
      await first?.close();
      await database.drop();
    }
  });
});

describe("second-factor keys at rest", () => {
  it("are sealed with the installation's secret: the database alone does not hold them", async () => {
    const database = await createTestDatabase({ persistent: true });
    const at = fixedClock("2026-03-02T11:00:05Z");
    const secretKey = new Uint8Array(32).fill(7);
    const stepCode = (secret: string) =>
      generateHOTP(decodeBase32(secret), BigInt(Math.floor(at.now().getTime() / 30_000)), 6);
    const loginStep = async (s: TestServer) => {
      const client = s.client();
      const res = await client.post("/api/auth/login", {
        email: demoEmail("politie"),
        password: demoPassword,
      });
      expect(res.status).toBe(200);
      return client;
    };
    const sealed = await startTestServer({ config: { demo: false, secretKey }, clock: at, database });
    let secret = "";
    try {
      const enrolling = await loginStep(sealed);
      secret = (await enrolling.post("/api/auth/enrolment")).json.secret;
      expect((await enrolling.post("/api/auth/enrolment/confirm", { code: stepCode(secret) })).status).toBe(
        200,
      );
      const [row] = await sealed.deps.database.db
        .select({ totpKey: users.totpKey })
        .from(users)
        .where(eq(users.email, demoEmail("politie")));
      const plain = Buffer.from(decodeBase32(secret));
      expect(row.totpKey?.length).toBe(1 + 12 + 20 + 16);
      expect(Buffer.from(row.totpKey ?? []).includes(plain)).toBe(false);
      at.advance(30_000);
      expect(
        (await (await loginStep(sealed)).post("/api/auth/second-factor", { code: stepCode(secret) })).status,
      ).toBe(200);
    } finally {
      await sealed.close();
    }
    // Someone with the database but another secret cannot use the stored key.
    const other = await startTestServer({
      config: { demo: false, secretKey: new Uint8Array(32).fill(9) },
      clock: at,
      database,
    });
    try {
      at.advance(30_000);
      expect(
        (await (await loginStep(other)).post("/api/auth/second-factor", { code: stepCode(secret) })).status,
      ).toBe(401);
    } finally {
      await other.close();
      await database.drop();
    }
  });
});
