import { describe, expect, it } from "vitest";
import { startEenPlan } from "../bench/lib/servers";
import { restartStorm } from "../bench/scenarios/restart-storm";
import { createTestDatabase } from "../helpers/database";

describe("a restart storm", () => {
  it("brings 1,500 clients on 500 sections back in sync after a kill -9, keeping every document", async () => {
    process.setMaxListeners(0); // one process "exit" listener per Node WebsocketProvider
    const database = await createTestDatabase();
    const server = await startEenPlan(500, database.location.url);
    try {
      const result = await restartStorm(server, { docs: 500, clientsPerDoc: 3, rounds: 1 });
      expect(result.total).toBe(1500);
      expect(result.synced).toBe(1500);
      expect(result.contentKept).toBe(true);
    } finally {
      await server.stop();
      await database.drop();
    }
  }, 300_000);
});
