/** A private PostgreSQL cluster in a temp folder that a test may stop and start (outage tests). */
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The newest installed PostgreSQL bin folder, or null. */
export function postgresBin(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const versions = readdirSync(base).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(base, v, "bin/initdb"))) return join(base, v, "bin");
  return null;
}

/** Whether an outage test can run here; on CI missing binaries are an error, not a skip. */
export function postgresAvailable(): boolean {
  const ok = postgresBin() !== null;
  if (!ok && process.env.CI === "true")
    throw new Error("PostgreSQL binaries missing: CI must install postgresql");
  return ok;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

/** A running private cluster. */
export interface Cluster {
  url: string;
  stop(): void;
  start(): void;
  destroy(): void;
}

/**
 * initdb + pg_ctl start on 127.0.0.1 at a free port; runs as `postgres` when we are root. Tests run
 * it without fsync (they kill and restart it, not the machine); `durable` keeps PostgreSQL's
 * defaults, so that a commit waits for the disk (the benchmark's storage figures).
 */
export async function startCluster(options: { durable?: boolean } = {}): Promise<Cluster> {
  const bin = postgresBin();
  if (!bin) throw new Error("no PostgreSQL binaries");
  const dir = mkdtempSync(join(tmpdir(), "eenplan-pg-"));
  chmodSync(dir, 0o777);
  const port = await freePort();
  const asPostgres = process.getuid?.() === 0;
  const run = (cmd: string, args: string[]) => {
    if (asPostgres) {
      const line = [join(bin, cmd), ...args].map((a) => `'${a}'`).join(" ");
      execFileSync("su", ["postgres", "-s", "/bin/sh", "-c", line], { stdio: "ignore" });
    } else {
      execFileSync(join(bin, cmd), args, { stdio: "ignore" });
    }
  };
  const data = join(dir, "data");
  const start = () =>
    run("pg_ctl", [
      "-D",
      data,
      "-l",
      join(dir, "log"),
      "-o",
      `-h 127.0.0.1 -p ${port} -k ${dir}${options.durable ? "" : " -c fsync=off"}`,
      "-w",
      "start",
    ]);
  const stop = () => run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  try {
    run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale"]);
    start();
  } catch (err) {
    // A cluster that did not come up leaves nothing behind either.
    rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    destroy: () => {
      try {
        run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
