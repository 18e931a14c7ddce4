import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases, invitations } from "../../../db/schema";
import { demoCaseReference } from "../../../db/seed/demo";
import { fixedClock } from "../../../server/clock";
import { startTestServer, type TestServer } from "../../helpers/server";

const clock = fixedClock("2026-03-02T09:00:10Z");
let server: TestServer;
let caseId: string;
beforeAll(async () => {
  server = await startTestServer({ clock });
  const [demo] = await server.deps.database.db
    .select()
    .from(cases)
    .where(eq(cases.reference, demoCaseReference));
  caseId = demo.id;
});
afterAll(() => server?.stop());

const step = () => BigInt(Math.floor(clock.now().getTime() / 30_000));

async function invite(email: string) {
  const coordinator = await server.loginAs("coordinator");
  const res = await coordinator.post(`/api/cases/${caseId}/invitations`, {
    name: "Sanne de Boer",
    email,
    role: "expertByExperience",
  });
  expect(res.status).toBe(201);
  return res.json as { id: string; path: string; expiresAt: string };
}

describe("invitations", () => {
  it("brings an ervaringsdeskundige in: password, authenticator app, then the case", async () => {
    const { path, expiresAt } = await invite("sanne@example.nl");
    expect(new Date(expiresAt).getTime() - clock.now().getTime()).toBe(7 * 24 * 3_600_000);
    const token = path.split("/").pop() as string;
    // Only a hash of the link's secret is stored.
    const [row] = await server.deps.database.db
      .select()
      .from(invitations)
      .where(eq(invitations.id, token.split(".")[0]));
    expect(JSON.stringify(row)).not.toContain(token.split(".")[1]);

    const guest = server.client();
    const info = await guest.get(`/api${path.replace("/uitnodiging", "/invitations")}`);
    expect(info.status).toBe(200);
    expect(info.json).toMatchObject({ name: "Sanne de Boer", role: "expertByExperience" });

    const weak = await guest.post(`/api/invitations/${token}/accept`, { password: "kort" });
    expect(weak.status).toBe(400);
    expect(weak.json.error.details[0].path).toBe("password");
    const common = await guest.post(`/api/invitations/${token}/accept`, { password: "wachtwoord1234" });
    expect(common.status).toBe(400);

    const accepted = await guest.post(`/api/invitations/${token}/accept`, {
      password: "paarse-olifant-fietst",
    });
    expect(accepted.status).toBe(201);
    expect(accepted.json).toEqual({ secondFactorRequired: true, secondFactorEnrolled: false });
    expect((await guest.get("/api/cases")).status).toBe(401); // not before the second factor

    const enrol = await guest.post("/api/auth/enrolment");
    const key = decodeBase32(enrol.json.secret);
    expect(
      (await guest.post("/api/auth/enrolment/confirm", { code: generateHOTP(key, step(), 6) })).status,
    ).toBe(200);
    const list = await guest.get("/api/cases");
    expect(list.json.cases).toEqual([
      expect.objectContaining({ reference: demoCaseReference, myRole: "expertByExperience" }),
    ]);
    // As an ervaringsdeskundige: no police or justice information.
    const detail = await guest.get(`/api/cases/${caseId}`);
    const readable = detail.json.sections
      .filter((s: { canRead: boolean }) => s.canRead)
      .map((s: { key: string }) => s.key);
    expect(readable).not.toContain("risk");
    expect(readable).not.toContain("confidential");

    // The link works once.
    const reuse = await server
      .client()
      .post(`/api/invitations/${token}/accept`, { password: "nog-een-ander-wachtwoord" });
    expect(reuse.status).toBe(404);
    expect((await server.client().get(`/api/invitations/${token}`)).status).toBe(404);

    // Later: password and a fresh code log her in.
    clock.advance(60_000);
    const again = server.client();
    const login = await again.post("/api/auth/login", {
      email: "sanne@example.nl",
      password: "paarse-olifant-fietst",
    });
    expect(login.json).toMatchObject({ secondFactorRequired: true, secondFactorEnrolled: true });
    expect((await again.post("/api/auth/second-factor", { code: generateHOTP(key, step(), 6) })).status).toBe(
      200,
    );
    expect((await again.get("/api/cases")).json.cases).toHaveLength(1);
  });

  it("refuses a link after seven days", async () => {
    const { path } = await invite("laat@example.nl");
    const token = path.split("/").pop() as string;
    clock.advance(7 * 24 * 3_600_000 + 1000);
    expect((await server.client().get(`/api/invitations/${token}`)).status).toBe(404);
    const res = await server
      .client()
      .post(`/api/invitations/${token}/accept`, { password: "paarse-olifant-fietst" });
    expect(res.status).toBe(404);
  });

  it("makes one account of a link accepted twice at once (a double click): the second is told it was used", async () => {
    const { path } = await invite("dubbel@example.nl");
    const token = path.split("/").pop() as string;
    const answers = await Promise.all(
      [1, 2].map(() =>
        server.client().post(`/api/invitations/${token}/accept`, { password: "paarse-olifant-fietst" }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([201, 404]);
    const refused = answers.find((a) => a.status === 404);
    expect(refused?.json.error.message).toBe("Deze uitnodiging is ongeldig, verlopen of al gebruikt.");
  });

  it("refuses a tampered link and an address that already has an account", async () => {
    const { path } = await invite("echt@example.nl");
    const [id] = (path.split("/").pop() as string).split(".");
    expect((await server.client().get(`/api/invitations/${id}.verzonnen`)).status).toBe(404);
    const coordinator = await server.loginAs("coordinator");
    const dup = await coordinator.post(`/api/cases/${caseId}/invitations`, {
      name: "X",
      email: "politie@demo.eenplan.nl",
    });
    expect(dup.status).toBe(409);
    const bad = await coordinator.post(`/api/cases/${caseId}/invitations`, { name: "", email: "geen-adres" });
    expect(bad.status).toBe(400);
  });
});
