/** `GET /api/health`: is the server up, and can it reach its database? */
import { Hono } from "hono";
import type { AppEnv } from "../context";

export const health = new Hono<AppEnv>().get("/", async (c) => {
  const { database } = c.get("deps");
  try {
    await database.ping();
    return c.json({ status: "ok", database: database.kind });
  } catch {
    return c.json({ status: "degraded", database: database.kind }, 503);
  }
});
