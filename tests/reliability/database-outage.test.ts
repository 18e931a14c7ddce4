import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { type Cluster, postgresAvailable, startCluster } from "../helpers/postgres-cluster";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  appendParagraph,
  connectSection,
  type SectionClient,
  waitForSync,
  waitForText,
} from "../helpers/yjs";

// Runs its own PostgreSQL (the shared test server must not go away), so it runs in one project only.
const run = postgresAvailable();
let cluster: Cluster;
let server: TestServer;

beforeAll(async () => {
  if (!run) return;
  cluster = await startCluster();
  server = await startTestServer({
    database: {
      location: { url: cluster.url },
      open: () => openDatabase({ url: cluster.url }),
      drop: async () => {},
    },
  });
}, 120_000);
afterAll(async () => {
  await server?.stop();
  cluster?.destroy();
});

describe.runIf(run)("PostgreSQL away for 20 seconds during editing", () => {
  it("stays up, reports degraded, broadcasts nothing unstored, and loses nothing once the database returns", async () => {
    const a = await server.loginAs("wijkteam");
    const b = await server.loginAs("veiligthuis");
    const cases = await a.get("/api/cases");
    const doc = `case:${cases.json.cases[0].id}:monitoring`;
    const alice: SectionClient = connectSection(server.url, a.cookie, doc, { maxBackoffTime: 1000 });
    const bob: SectionClient = connectSection(server.url, b.cookie, doc, { maxBackoffTime: 1000 });
    await Promise.all([waitForSync(alice), waitForSync(bob)]);
    appendParagraph(alice.doc, "voor de storing");
    await waitForText(bob, ["voor de storing"]);

    cluster.stop();
    const health = await server.client().get("/api/health");
    expect(health.status).toBe(503);
    expect(health.json.status).toBe("degraded");

    appendParagraph(alice.doc, "tijdens de storing");
    // Not stored, so not broadcast: bob must not see it while the database is away.
    await new Promise((r) => setTimeout(r, 20_000));
    expect(bob.text()).not.toContain("tijdens de storing");
    expect((await server.client().get("/api/health")).status).toBe(503);

    cluster.start();
    // The edit lives on in alice's document; on reconnect it is sent again, stored and broadcast.
    await waitForText(bob, ["tijdens de storing"], 60_000);
    expect((await server.client().get("/api/health")).json.status).toBe("ok");

    const reader = connectSection(server.url, a.cookie, doc);
    await waitForSync(reader, 30_000);
    expect(reader.text()).toContain("voor de storing");
    expect(reader.text()).toContain("tijdens de storing");
    for (const c of [alice, bob, reader]) c.destroy();
  }, 150_000);
});
