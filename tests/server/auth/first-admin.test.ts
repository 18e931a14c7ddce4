/**
 * A new installation: `npm run create-admin` makes the first administrator with a one-time start
 * password. Whoever signs in with a start password (this one, or one an admin handed out) must
 * choose their own before anything else opens, on HTTP, Socket.IO and the Yjs endpoint alike.
 */
import { spawn } from "node:child_process";
import { decodeBase32 } from "@oslojs/encoding";
import { generateHOTP } from "@oslojs/otp";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { auditLog } from "../../../db/schema";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { type HttpClient, startTestServer, type TestServer } from "../../helpers/server";
import { connectSocket } from "../../helpers/socket";

const root = new URL("../../..", import.meta.url).pathname;
let database: TestDatabase;
let server: TestServer | undefined;

/** Runs the create-admin command against the test database. */
function createAdmin(args: string[]) {
  const { url, dataDir } = database.location;
  return new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "server/create-admin.ts", ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? "",
        HOME: process.env.HOME ?? "",
        ...(url ? { DATABASE_URL: url } : { DATA_DIR: dataDir ?? "" }),
      },
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d) => {
      out += d;
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", (code) => resolve({ code, out, err }));
  });
}

beforeAll(async () => {
  database = await createTestDatabase({ persistent: true });
});
afterAll(async () => {
  await server?.close();
  await database?.drop();
});

const code = (secret: string) =>
  generateHOTP(decodeBase32(secret), BigInt(Math.floor(Date.now() / 30_000)), 6);

describe("the first administrator of a new installation", () => {
  let startPassword: string;
  let admin: HttpClient;

  it("is created once by the command, with a start password shown once", async () => {
    expect((await createAdmin([])).code).toBe(2);
    const made = await createAdmin(["Beheer@IJsselland.example", "Anna Beheer", "IJsselland"]);
    expect(made.err).toBe("");
    expect(made.code).toBe(0);
    startPassword = /startwachtwoord: (\S+)/.exec(made.out)?.[1] ?? "";
    expect(startPassword.length).toBeGreaterThanOrEqual(16);
    // The account's creation is in the audit trail, made by no user (the installation).
    server = await startTestServer({ database, seed: false, config: { demo: false } });
    const audited = await server.deps.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.objectType, "user"));
    expect(audited).toMatchObject([{ action: "create", userId: null, outcome: "success" }]);
    await server.close();
    server = undefined;
    const again = await createAdmin(["beheer@ijsselland.example", "Anna Beheer", "IJsselland"]);
    expect(again.code).toBe(1);
    expect(again.err).toContain("bestaat al");
  });

  it("enrols a second factor, then can do nothing but choose an own password", async () => {
    server = await startTestServer({ database, seed: false, config: { demo: false } });
    admin = server.client();
    const login = await admin.post("/api/auth/login", {
      email: "beheer@ijsselland.example",
      password: startPassword,
    });
    expect(login.status).toBe(200);
    expect(login.json.secondFactorRequired).toBe(true);
    const secret = (await admin.post("/api/auth/enrolment")).json.secret;
    expect((await admin.post("/api/auth/enrolment/confirm", { code: code(secret) })).status).toBe(200);

    const me = await admin.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ globalRole: "admin", mustChangePassword: true });
    const blocked = await admin.get("/api/admin/users");
    expect(blocked.status).toBe(403);
    expect(blocked.json.error.code).toBe("password_change_required");
    // The live channels are closed too.
    await expect(connectSocket(server.url, admin.cookie)).rejects.toThrow();
    const yjs = await new Promise<number>((resolve) => {
      const ws = new WebSocket(
        `${server?.url.replace("http", "ws")}/yjs/case:00000000-0000-4000-8000-000000000000:household`,
        {
          headers: { cookie: admin.cookie ?? "" },
        },
      );
      ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
      ws.on("open", () => {
        ws.close();
        resolve(101);
      });
      ws.on("error", () => {});
    });
    expect(yjs).toBe(401);

    const changed = await admin.post("/api/auth/password", {
      currentPassword: startPassword,
      newPassword: "Een eigen lang wachtwoord voor Anna 2026",
    });
    expect(changed.status).toBe(200);
    expect((await admin.get("/api/me")).json.mustChangePassword).toBe(false);
    expect((await admin.get("/api/admin/users")).status).toBe(200);
  });

  it("hands each new account a start password that must be replaced too", async () => {
    const created = await admin.post("/api/admin/users", { name: "Bram", email: "bram@ijsselland.example" });
    expect(created.status).toBe(201);
    const bram = server?.client() as HttpClient;
    expect(
      (
        await bram.post("/api/auth/login", {
          email: "bram@ijsselland.example",
          password: created.json.startPassword,
        })
      ).status,
    ).toBe(200);
    const secret = (await bram.post("/api/auth/enrolment")).json.secret;
    expect((await bram.post("/api/auth/enrolment/confirm", { code: code(secret) })).status).toBe(200);
    expect((await bram.get("/api/cases")).json.error.code).toBe("password_change_required");
  });
});
