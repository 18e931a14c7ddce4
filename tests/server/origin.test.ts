/**
 * A request is ours only from our own origin. With `PUBLIC_ORIGIN` set (required, https, in
 * production) that is exactly that origin: a page on http:// of the same host (a network that
 * rewrites plain http) cannot change anything, open a plan section or join a conference with the
 * session cookie its request carries. Without it, as in development, the Origin's host must be ours.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "../../server/env";
import { sectionDocName } from "../../shared/plan";
import { startTestServer, type TestServer } from "../helpers/server";
import { handshakeOutcome } from "../helpers/socket";
import { upgradeStatus } from "../helpers/yjs";

const publicOrigin = "https://eenplan.example.nl";
let server: TestServer;
let cookie: string;
let caseId: string;
/** The test server's own address: the right host, the wrong scheme for PUBLIC_ORIGIN. */
let plainOrigin: string;

beforeAll(async () => {
  server = await startTestServer({ config: { publicOrigin } });
  plainOrigin = new URL(server.url).origin;
  const coordinator = await server.loginAs("coordinator");
  cookie = coordinator.cookie as string;
  caseId = (await coordinator.get("/api/cases")).json.cases[0].id;
});
afterAll(() => server?.stop());

const handshake = (origin: string) => handshakeOutcome(server.url, cookie, { origin });

describe("with PUBLIC_ORIGIN set, only that exact origin is ours", () => {
  it("refuses a state change from the same host over another scheme, and takes one from PUBLIC_ORIGIN", async () => {
    const coordinator = server.client();
    coordinator.cookie = cookie;
    const body = { reference: "ORIGIN-1", title: "Huishouden O.", categories: [] };
    const plain = await coordinator.post("/api/cases", body, { origin: plainOrigin });
    expect(plain.status).toBe(403);
    expect(plain.json.error.code).toBe("csrf");
    expect((await coordinator.post("/api/cases", body, { origin: publicOrigin })).status).toBe(201);
  });

  it("refuses a plan section and a conference socket opened from there", async () => {
    const doc = sectionDocName(caseId, "household");
    expect(await upgradeStatus(server.url, doc, cookie, { origin: plainOrigin })).toBe(403);
    expect(await upgradeStatus(server.url, doc, cookie, { origin: publicOrigin })).toBe(101);
    expect(await handshake(plainOrigin)).toBe("refused");
    expect(await handshake(publicOrigin)).toBe("connected");
  });
});

describe("the configuration", () => {
  it("requires an https PUBLIC_ORIGIN in production", () => {
    const base = { NODE_ENV: "production", SECRET_KEY: "ab".repeat(32) };
    const problem = ["PUBLIC_ORIGIN: an https:// address is required when NODE_ENV=production"];
    const missing = parseEnv(base);
    expect(missing.ok ? [] : missing.problems).toEqual(problem);
    const plain = parseEnv({ ...base, PUBLIC_ORIGIN: "http://eenplan.example.nl" });
    expect(plain.ok ? [] : plain.problems).toEqual(problem);
    expect(parseEnv({ ...base, PUBLIC_ORIGIN: publicOrigin }).ok).toBe(true);
    expect(parseEnv({ PUBLIC_ORIGIN: "http://localhost:3000" }).ok).toBe(true); // development
  });
});
