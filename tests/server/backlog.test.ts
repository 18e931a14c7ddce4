/**
 * A reconnect storm while the server is busy: the kernel must hold every handshake until the event
 * loop gets to it. With Node's default backlog (511) the connections beyond it are dropped and
 * their clients wait a second or more to retry.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";

const clients = 1500;

/**
 * Opens `clients` TCP connections, counts those whose handshake completes within 800 ms (below
 * Linux's one-second retry of a dropped handshake), writes the count to a file and exits.
 */
const connector = `
const net = require("node:net");
const fs = require("node:fs");
const [port, out, n] = process.argv.slice(1);
let connected = 0;
const sockets = [];
const done = () => { fs.writeFileSync(out + ".tmp", String(connected)); fs.renameSync(out + ".tmp", out); process.exit(0); };
for (let i = 0; i < Number(n); i++) {
  const s = net.connect(Number(port), "127.0.0.1", () => { if (++connected === Number(n)) done(); });
  s.on("error", () => {});
  sockets.push(s);
}
setTimeout(done, 800);
`;

/** Blocks this thread (and so the server's event loop) until the file exists. */
function blockUntilExists(path: string, timeoutMs: number): void {
  const tick = new Int32Array(new SharedArrayBuffer(4));
  const end = Date.now() + timeoutMs;
  while (!existsSync(path) && Date.now() < end) Atomics.wait(tick, 0, 0, 5);
}

describe("listen backlog", () => {
  let server: TestServer;
  let dir: string;
  beforeAll(async () => {
    server = await startTestServer({ seed: false });
    dir = await mkdtemp(join(tmpdir(), "eenplan-backlog-"));
  });
  afterAll(async () => {
    await server?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it(`holds ${clients} connections that arrive while the event loop is busy`, async () => {
    const somaxconn = Number(readFileSync("/proc/sys/net/core/somaxconn", "utf8"));
    expect(somaxconn, "net.core.somaxconn caps every listen backlog").toBeGreaterThanOrEqual(clients);
    const out = join(dir, "connected");
    const child = spawn(process.execPath, ["-e", connector, String(server.port), out, String(clients)], {
      stdio: "ignore",
    });
    const exited = new Promise((resolve) => child.on("exit", resolve));
    // The server accepts nothing meanwhile: only the kernel's queue holds the handshakes.
    blockUntilExists(out, 20_000);
    await exited;
    expect(Number(readFileSync(out, "utf8"))).toBe(clients);
  });
});
