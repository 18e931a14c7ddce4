/** Starts the two servers the benchmark compares, as child processes on loopback. */
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { bundleServer } from "../../../server/bundle.mjs";
import { parseSectionDocName } from "../../../shared/plan";

const root = fileURLToPath(new URL("../../..", import.meta.url));

/** A server under test. */
export interface BenchServer {
  name: string;
  /** Base URL for `WebsocketProvider` (`ws://host/yjs` or `ws://host`). */
  wsBase: string;
  /** Document names clients may use, at least as many as the scenario asks. */
  docs: string[];
  /** Cookie header for authenticated servers. */
  cookie?: string;
  /**
   * Authenticated servers: the Cookie header of participant `index` of a document's case, each
   * participant with a session of their own (one browser opening every section of the plan), or
   * undefined past the case's participants.
   */
  participantCookie?(docName: string, index: number): string | undefined;
  /** CPU seconds (user+system) the server process has used so far. */
  cpuSeconds(): Promise<number>;
  /** Resident memory now, and heap after a forced GC where the server offers it. */
  memory(): Promise<{ rss: number; heapUsed?: number }>;
  /** Kills the process (SIGKILL) and starts it again on the same data; resolves when it listens. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
    s.on("error", reject);
  });
}

async function procStat(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const stat = await readFile(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

async function procRss(pid: number): Promise<number> {
  const { readFile } = await import("node:fs/promises");
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? "0");
  return kb * 1024;
}

function waitForLine(child: ChildProcess, prefix: string, timeoutMs = 60_000): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffer = "";
    // Every listener comes off again once the line is seen: `memory()` waits for a line many times.
    const settle = (finish: () => void) => {
      clearTimeout(timer);
      child.stdout?.off("data", onData);
      child.off("exit", onExit);
      finish();
    };
    const timer = setTimeout(
      () => settle(() => reject(new Error(`no ${prefix} within ${timeoutMs} ms`))),
      timeoutMs,
    );
    const onData = (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split("\n");
      buffer = lines.pop() ?? "";
      const line = lines.find((l) => l.startsWith(prefix));
      if (line !== undefined) settle(() => resolve(line.slice(prefix.length).trim()));
    };
    const onExit = (code: number | null) =>
      settle(() => reject(new Error(`server exited (${code}) before ${prefix}`)));
    child.stdout?.on("data", onData);
    child.once("exit", onExit);
  });
}

function killAndWait(child: ChildProcess, signal: NodeJS.Signals): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill(signal);
  });
}

/** The y-websocket reference server (y-websocket@2 bin/server.cjs): in memory, no auth, no storage. */
export async function startReference(docCount: number): Promise<BenchServer> {
  const port = await freePort();
  const launch = async () => {
    const child = spawn(process.execPath, [join(root, "node_modules/y-websocket-reference/bin/server.cjs")], {
      env: { ...process.env, HOST: "127.0.0.1", PORT: String(port) },
      stdio: ["ignore", "pipe", "inherit"],
    });
    await waitForLine(child, "running at");
    return child;
  };
  let child = await launch();
  return {
    name: "y-websocket (reference)",
    wsBase: `ws://127.0.0.1:${port}`,
    docs: Array.from({ length: docCount }, (_, i) => `bench-${i}`),
    cpuSeconds: () => procStat(child.pid as number),
    memory: async () => ({ rss: await procRss(child.pid as number) }),
    restart: async () => {
      await killAndWait(child, "SIGKILL");
      child = await launch();
    },
    stop: () => killAndWait(child, "SIGTERM"),
  };
}

/**
 * Eén Plan: authenticated, durable, audited; on PGlite (default) or PostgreSQL. Bundled and run with
 * plain Node, as `npm start` runs it (a file of its own: test files may start servers at once).
 */
export async function startEenPlan(docCount: number, databaseUrl?: string): Promise<BenchServer> {
  const dataDir = databaseUrl ? undefined : await mkdtemp(join(tmpdir(), "eenplan-bench-"));
  const port = await freePort();
  const script = await bundleServer(
    "tests/bench/een-plan-server.ts",
    `dist/bench/server-${process.pid}-${randomUUID()}.mjs`,
  );
  const launch = async () => {
    const child = spawn(
      process.execPath,
      [
        "--expose-gc",
        // e.g. BENCH_SERVER_NODE_OPTIONS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile the server.
        ...(process.env.BENCH_SERVER_NODE_OPTIONS?.split(" ").filter(Boolean) ?? []),
        script,
      ],
      {
        cwd: root,
        env: {
          // The run's BENCH_DATABASE_URL is for the storage figures only: the other scenarios'
          // servers run on PGlite, as the method says, unless a database is passed here.
          ...Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "BENCH_DATABASE_URL")),
          BENCH_PORT: String(port),
          BENCH_DOCS: String(docCount),
          ...(dataDir ? { BENCH_DATA_DIR: dataDir } : {}),
          ...(databaseUrl ? { BENCH_DATABASE_URL: databaseUrl } : {}),
        },
        stdio: ["pipe", "pipe", "inherit"],
      },
    );
    const ready = JSON.parse(await waitForLine(child, "READY", 180_000)) as {
      url: string;
      docs: string[];
      sessionCookies: Record<string, string[]>;
    };
    return { child, ready };
  };
  let { child, ready } = await launch();
  // Made on the fresh database only; a restarted server keeps these sessions.
  const { sessionCookies } = ready;
  const res = await fetch(`${ready.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "wijkteam@demo.eenplan.nl", password: "demo-wachtwoord-2026" }),
  });
  const cookie = res.headers.getSetCookie()[0]?.split(";")[0];
  if (!cookie) throw new Error(`login failed: ${res.status}`);
  return {
    name: databaseUrl ? "Eén Plan (PostgreSQL)" : "Eén Plan (PGlite)",
    wsBase: `${ready.url.replace("http", "ws")}/yjs`,
    docs: ready.docs,
    cookie,
    participantCookie: (docName, index) =>
      sessionCookies[parseSectionDocName(docName)?.caseId ?? ""]?.[index],
    cpuSeconds: () => procStat(child.pid as number),
    memory: async () => {
      const line = waitForLine(child, "MEM");
      child.stdin?.write("mem\n");
      const m = JSON.parse(await line) as { rss: number; heapUsed: number };
      return { rss: await procRss(child.pid as number), heapUsed: m.heapUsed };
    },
    restart: async () => {
      await killAndWait(child, "SIGKILL");
      ({ child, ready } = await launch());
    },
    stop: async () => {
      await killAndWait(child, "SIGTERM");
      await rm(script, { force: true });
      if (dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
