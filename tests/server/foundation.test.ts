import { request } from "node:http";
import { connect } from "node:net";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WebSocket } from "ws";
import { testDbKind } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ web: true });
});
afterAll(() => server?.stop());

describe("the HTTP foundation", () => {
  it("keeps none of its start-up's listeners on the server's errors, which would swallow a later one", () => {
    // The listen step waits for "error" only until it listens; one left behind hides the next error.
    expect(server.httpServer.listenerCount("error")).toBe(0);
  });

  it("reports health with the kind of database it runs on", async () => {
    const res = await server.client().get("/api/health");
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok", database: testDbKind === "postgres" ? "postgres" : "embedded" });
  });

  it("answers an unknown /api path with a JSON 404", async () => {
    const res = await server.client().get("/api/does-not-exist");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.json.error.code).toBe("not_found");
    const post = await server.client().post("/api/nothing/here", {});
    expect(post.status).toBe(404);
    expect(post.json.error.code).toBe("not_found");
  });

  it("refuses malformed JSON with a 400, not a crash", async () => {
    const res = await server.client().request("POST", "/api/auth/login", "{not json", {
      "content-type": "application/json",
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("bad_request");
    expect(res.text).not.toMatch(/at .*\.ts/); // no stack trace
  });

  it("lists the fields of invalid input", async () => {
    const res = await server.client().post("/api/auth/login", { email: "geen-adres", password: "" });
    expect(res.status).toBe(400);
    const paths = res.json.error.details.map((d: { path: string }) => d.path).sort();
    expect(paths).toEqual(["email", "password"]);
  });

  it("refuses a body over the size limit with a 413", async () => {
    const huge = JSON.stringify({ email: "a@b.nl", password: "x".repeat(2 * 1024 * 1024) });
    // node:http reads an answer that arrives before the upload ends, as browsers do (undici's fetch errors).
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(
        `${server.url}/api/auth/login`,
        { method: "POST", headers: { "content-type": "application/json" } },
        (res) => {
          let body = "";
          res.on("data", (d) => {
            body += d;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
        },
      );
      req.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code !== "EPIPE" && e.code !== "ECONNRESET") reject(e);
      });
      req.end(huge);
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe("too_large");
  });

  it("keeps serving a kept-alive connection after refusing a request whose body it did not read", async () => {
    // A browser reuses its connection: after a refused save (403, body never read) the next request
    // goes down the same one. Before, a body of more than a socket buffer held it, that request got
    // no answer and the connection was cut off half a second later.
    const chair = await server.loginAs("voorzitter");
    const body = JSON.stringify({ reference: "MDA-2026-078", title: "x".repeat(200_000), categories: [] });
    const socket = connect(server.port, "127.0.0.1");
    let received = "";
    const answers = () => received.match(/HTTP\/1\.1 \d{3}/g) ?? [];
    const closed = new Promise<void>((resolve) => socket.on("close", () => resolve()));
    socket.on("data", (d) => {
      received += d.toString("latin1");
    });
    socket.on("error", () => {});
    const answered = async (n: number) => {
      while (answers().length < n && !socket.destroyed) await new Promise((r) => setTimeout(r, 20));
    };
    socket.write(
      `POST /api/cases HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\nOrigin: ${server.url}\r\n` +
        `Cookie: ${chair.cookie}\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    await answered(1);
    expect(answers()).toEqual(["HTTP/1.1 403"]);
    // The next request on the same connection, after the time the connection used to be cut off.
    await new Promise((r) => setTimeout(r, 700));
    socket.write(`GET /api/health HTTP/1.1\r\nHost: ${new URL(server.url).host}\r\n\r\n`);
    await answered(2);
    expect(answers()).toEqual(["HTTP/1.1 403", "HTTP/1.1 200"]);
    socket.destroy();
    await closed;
  });

  it("serves the SPA at / and at a deep client route", async () => {
    for (const path of ["/", "/casussen/00000000-0000-0000-0000-000000000000/plan"]) {
      const res = await server.client().get(path);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/html");
      expect(res.text).toContain('<div id="root">');
      expect(res.text).toContain('lang="nl"');
    }
  });

  it("answers an address whose escapes do not decode with a 400, not a 500", async () => {
    for (const path of ["/%", "/%E0%A4%A.js", "/assets/%ZZ"]) {
      const res = await server.client().get(path);
      expect(res.status, path).toBe(400);
    }
    expect((await server.client().get("/")).status).toBe(200);
  });

  it("answers a WebSocket upgrade to any other address with 404 at once, instead of leaving it open", async () => {
    for (const path of ["/api/health", "/", "/yjsx/case"]) {
      const status = await new Promise<number>((resolve, reject) => {
        const ws = new WebSocket(`${server.url.replace(/^http/, "ws")}${path}`);
        ws.on("unexpected-response", (_req, res) => resolve(res.statusCode ?? 0));
        ws.on("open", () => reject(new Error(`${path} upgraded`)));
        ws.on("error", () => {});
      });
      expect(status, path).toBe(404);
    }
  });

  it("caches hashed assets for a year and index.html not at all", async () => {
    const index = await server.client().get("/");
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const asset = /src="(\/assets\/[^"]+\.js)"/.exec(index.text)?.[1];
    expect(asset).toBeTruthy();
    const res = await server.client().get(asset as string);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toContain("max-age=31536000");
    expect((await server.client().get("/assets/nope-123.js")).status).toBe(404);
  });

  it("sends the app compressed to a browser that accepts it, and as built to one that does not", async () => {
    /** A GET as the bytes on the wire (fetch would decompress them). */
    const raw = (path: string, acceptEncoding?: string) =>
      new Promise<{ encoding?: string; vary?: string; body: Buffer }>((resolve, reject) => {
        const req = request(
          `${server.url}${path}`,
          { headers: acceptEncoding ? { "accept-encoding": acceptEncoding } : {} },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (d: Buffer) => chunks.push(d));
            res.on("end", () =>
              resolve({
                encoding: res.headers["content-encoding"],
                vary: res.headers.vary,
                body: Buffer.concat(chunks),
              }),
            );
          },
        );
        req.on("error", reject);
        req.end();
      });
    const index = await server.client().get("/");
    const assets = [...index.text.matchAll(/(?:src|href)="(\/assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    // The page itself is half a kilobyte, not worth compressing; the script and style sheet are most
    // of a first visit.
    for (const path of assets) {
      const plain = await raw(path);
      expect(plain.encoding, path).toBeUndefined();
      const br = await raw(path, "gzip, deflate, br, zstd"); // as Chromium asks
      expect(br.encoding, path).toBe("br");
      expect(br.vary, path).toBe("Accept-Encoding");
      expect(brotliDecompressSync(br.body).equals(plain.body), path).toBe(true);
      const gz = await raw(path, "gzip");
      expect(gz.encoding, path).toBe("gzip");
      expect(gunzipSync(gz.body).equals(plain.body), path).toBe(true);
      expect((await raw(path, "br;q=0, gzip;q=0")).encoding, path).toBeUndefined();
      expect(br.body.length * 3, path).toBeLessThan(plain.body.length); // under a third of the size
    }
  });

  it("sends security headers with a strict CSP on every response", async () => {
    for (const path of ["/", "/api/health"]) {
      const res = await server.client().get(path);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain("unsafe-eval");
      expect(csp).toContain("frame-ancestors 'none'");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    }
  });

  it("logs a demo user in and shows them their case", async () => {
    const c = await server.loginAs("wijkteam");
    const me = await c.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.json.organisation.name).toBe("Wijkteam Zwolle-Zuid");
    const cases = await c.get("/api/cases");
    expect(cases.json.cases.map((x: { reference: string }) => x.reference)).toEqual(["MDA-DEMO-001"]);
  });
});
