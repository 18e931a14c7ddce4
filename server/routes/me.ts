/** `GET /api/me`: the current user with global role and organisation. */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { organisations } from "../../db/schema";
import { type AppEnv, requireActor } from "../context";
import { presentMe } from "../presenters/user";

export const me = new Hono<AppEnv>().get("/", async (c) => {
  const { user } = requireActor(c, { allowStartPassword: true });
  const { db } = c.get("deps").database;
  const organisation = user.organisationId
    ? ((
        await db
          .select({ id: organisations.id, name: organisations.name, kind: organisations.kind })
          .from(organisations)
          .where(eq(organisations.id, user.organisationId))
      )[0] ?? null)
    : null;
  return c.json(presentMe(user, organisation));
});
