/** The real server in a child process (`node --import tsx`), so a test can SIGKILL it and restart it. */
import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { TestDatabase } from "./database";

const mainScript = fileURLToPath(new URL("./child-server-main.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

/** A server running in a child process. */
export interface ChildServer {
  url: string;
  port: number;
  process: ChildProcess;
  /** SIGKILL: no shutdown, no flush. Resolves when the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM: graceful stop. */
  stop(): Promise<void>;
}

/** Starts the server on the test database's location (PGlite folder or Postgres URL). */
export function startChildServer(
  database: TestDatabase,
  options: { port?: number; timeoutMs?: number } = {},
): Promise<ChildServer> {
  const child = spawn(process.execPath, ["--import", "tsx", mainScript], {
    cwd: root,
    env: {
      ...process.env,
      CHILD_DATABASE_URL: database.location.url ?? "",
      CHILD_DATA_DIR: database.location.dataDir ?? "",
      CHILD_PORT: String(options.port ?? 0),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  let stderr = "";
  child.stderr?.on("data", (d: Buffer) => {
    stderr += d.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`child server did not start in time:\n${stderr}`));
    }, options.timeoutMs ?? 150_000);
    let out = "";
    child.stdout?.on("data", (d: Buffer) => {
      out += d.toString();
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (!line) return;
      clearTimeout(timer);
      const { url, port } = JSON.parse(line) as { url: string; port: number };
      resolve({
        url,
        port,
        process: child,
        kill: async () => {
          if (child.exitCode === null) child.kill("SIGKILL");
          await exited;
        },
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.once("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`child server exited with ${code}:\n${stderr}`));
    });
  });
}
