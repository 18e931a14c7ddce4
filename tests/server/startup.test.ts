import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lockDataDir, lockFileName } from "../../server/data-lock";
import { parseEnv } from "../../server/env";

const root = new URL("../..", import.meta.url).pathname;

/**
 * Runs the server as `npm start` does (server/launch.mjs: bundled, plain Node) until it exits or its
 * output matches `until` (then SIGTERM). A first start on
 * a fresh folder creates the database; with both cores busy with other test files that took over
 * 30 s once, so the limit is generous and a start that hits it says so in its result.
 */
function runStart(
  env: Record<string, string>,
  until?: RegExp,
  options: { timeoutMs?: number; whileUp?: (out: string) => Promise<void> } = {},
) {
  const { timeoutMs = 120_000, whileUp = async () => {} } = options;
  return new Promise<{ code: number | null; out: string; err: string; timedOut: boolean }>((resolve) => {
    const child = spawn(process.execPath, ["server/launch.mjs"], {
      cwd: root,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", LOG_LEVEL: "warn", ...env },
    });
    let out = "";
    let err = "";
    let timedOut = false;
    const done = (code: number | null) => {
      clearTimeout(timer);
      resolve({ code, out, err, timedOut });
    };
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, timeoutMs);
    let matched = false;
    child.stdout.on("data", (d) => {
      out += d;
      if (matched || !until?.test(out)) return;
      matched = true;
      whileUp(out)
        .catch(() => {}) // what it found is asserted by the caller
        .finally(() => child.kill("SIGTERM"));
    });
    child.stderr.on("data", (d) => {
      err += d;
    });
    child.on("exit", done);
  });
}

describe("start-up configuration", () => {
  it("stops with a clear message and status 1 on an invalid PORT", async () => {
    const r = await runStart({ PORT: "zeventig", DATA_DIR: "/nonexistent-never-created" });
    expect(r.code).toBe(1);
    expect(r.err).toContain("PORT");
    expect(r.err).toContain("configuration is invalid");
  });

  it("lists every bad value at once", () => {
    const r = parseEnv({
      PORT: "99999",
      DATABASE_URL: "mysql://x",
      NODE_ENV: "staging",
      REMINDER_TIME: "7 uur",
      ESCALATE_AFTER_DAYS: "0",
      SECRET_KEY: "geheim",
    });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.problems.map((p) => p.split(":")[0]).sort()).toEqual([
        "DATABASE_URL",
        "ESCALATE_AFTER_DAYS",
        "NODE_ENV",
        "PORT",
        "REMINDER_TIME",
        "SECRET_KEY",
      ]);
    // Production needs the secret that seals the second-factor keys, and its public https address.
    const production = parseEnv({ NODE_ENV: "production" });
    expect(production.ok).toBe(false);
    if (!production.ok)
      expect(production.problems).toEqual([
        "SECRET_KEY: required when NODE_ENV=production",
        "PUBLIC_ORIGIN: an https:// address is required when NODE_ENV=production",
      ]);
    const fine = parseEnv({ REMINDER_TIME: "off", ESCALATE_AFTER_DAYS: "14" });
    expect(fine.ok && fine.env).toMatchObject({ REMINDER_TIME: "off", ESCALATE_AFTER_DAYS: 14 });
  });

  it("takes an SMTP server for notifications only with a sender, and only smtp:// or smtps://", () => {
    const noSender = parseEnv({ SMTP_URL: "smtp://mail.example.nl:587" });
    expect(noSender.ok || noSender.problems).toEqual(["MAIL_FROM: required with SMTP_URL (the sender)"]);
    const http = parseEnv({
      SMTP_URL: "https://mail.example.nl",
      MAIL_FROM: "Eén Plan <noreply@example.nl>",
    });
    expect(http.ok || http.problems).toEqual(["SMTP_URL: expected smtp:// or smtps://"]);
    const fine = parseEnv({ SMTP_URL: "smtps://u:p@mail.example.nl:465", MAIL_FROM: "noreply@example.nl" });
    expect(fine.ok && fine.env).toMatchObject({ SMTP_URL: "smtps://u:p@mail.example.nl:465" });
  });

  it("seeds no demo data in production, even when DEMO asks for it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eenplan-prod-"));
    try {
      const r = await runStart(
        {
          PORT: "0",
          DATA_DIR: dir,
          NODE_ENV: "production",
          DEMO: "true",
          SECRET_KEY: "ab".repeat(32),
          PUBLIC_ORIGIN: "https://eenplan.example.nl",
        },
        /draait op/,
      );
      expect(r.timedOut).toBe(false);
      expect(r.out).toContain("Eén Plan draait op");
      expect(r.out).not.toContain("demo-wachtwoord-2026");
      // Start it again in development on the same folder: it must still hold no demo accounts.
      const again = await runStart({ PORT: "0", DATA_DIR: dir }, /draait op/);
      expect(again.timedOut).toBe(false);
      expect(again.out).toContain("Eén Plan draait op");
      expect(again.out).not.toContain("Demo-accounts");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("creates a data folder whose parent folders do not exist yet", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eenplan-new-"));
    const dataDir = join(dir, "nog", "niet", "aangemaakt");
    try {
      const first = await runStart({ PORT: "0", DATA_DIR: dataDir }, /draait op/);
      expect(first.timedOut).toBe(false);
      expect(first.err).not.toContain("could not start");
      expect(first.out).toContain("demo-wachtwoord-2026");
      // The database is in the folder named, not somewhere else, and a second start opens it.
      expect(existsSync(join(dataDir, "PG_VERSION"))).toBe(true);
      const again = await runStart({ PORT: "0", DATA_DIR: dataDir }, /draait op/);
      expect(again.timedOut).toBe(false);
      expect(again.out).toContain("demo-wachtwoord-2026");
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it("shuts down cleanly on SIGTERM after announcing the URL and demo accounts", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eenplan-dev-"));
    try {
      // The bundled server finds what lies beside its sources: the web build and the migrations.
      const served: { page?: number; health?: unknown; second?: Awaited<ReturnType<typeof runStart>> } = {};
      const r = await runStart({ PORT: "0", DATA_DIR: dir }, /demo-wachtwoord-2026[\s\S]*admin@demo/, {
        whileUp: async (out) => {
          const url = /http:\/\/127\.0\.0\.1:\d+/.exec(out)?.[0];
          served.page = (await fetch(`${url}/`)).status;
          served.health = await (await fetch(`${url}/api/health`)).json();
          // A second start on the same embedded folder would write the same files beside this one.
          served.second = await runStart({ PORT: "0", DATA_DIR: dir });
        },
      });
      expect(r.timedOut).toBe(false);
      expect(served.second?.code).toBe(1);
      expect(served.second?.err).toContain(`the data folder ${dir} is in use by another Eén Plan`);
      expect(served.second?.out).not.toContain("Eén Plan draait op");
      // The lock goes with the server that held it.
      expect(existsSync(join(dir, lockFileName))).toBe(false);
      const { second: _, ...pages } = served;
      expect(pages).toEqual({ page: 200, health: { status: "ok", database: "embedded" } });
      expect(r.out).toMatch(/http:\/\/127\.0\.0\.1:\d+/);
      expect(r.out).toContain("voorzitter@demo.eenplan.nl");
      expect(r.code).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 150_000);

  it("takes over the lock a killed server left on its data folder, and not one of a running process", async () => {
    const dir = await mkdtemp(join(tmpdir(), "eenplan-lock-"));
    try {
      // A process that is gone: its id was the holder.
      const gone = spawn(process.execPath, ["-e", ""]);
      await new Promise((resolve) => gone.on("exit", resolve));
      await writeFile(join(dir, lockFileName), `${gone.pid}\n`);
      const taken = lockDataDir(dir);
      expect(taken.ok).toBe(true);
      expect((await readFile(join(dir, lockFileName), "utf8")).trim()).toBe(String(process.pid));
      if (taken.ok) taken.release();
      expect(existsSync(join(dir, lockFileName))).toBe(false);

      // One that runs: the folder stays theirs.
      const running = spawn(process.execPath, ["-e", "setTimeout(() => {}, 30000)"]);
      try {
        await writeFile(join(dir, lockFileName), `${running.pid}\n`);
        expect(lockDataDir(dir)).toEqual({ ok: false, heldBy: running.pid });
      } finally {
        running.kill();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
