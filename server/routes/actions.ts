/** Action items over REST: list and create per case, update one (the same commands as the socket). */
import { Hono } from "hono";
import { amsterdamDate } from "../../shared/dates";
import { createActionInput, updateActionInput } from "../../shared/schemas/action";
import { createAction, listCaseActions, updateAction } from "../commands/actions";
import type { CommandActor } from "../commands/case-command";
import { notifyCase } from "../conference/hub";
import { type AppContext, clientAddress, parseJson, requireActor, uuidParam } from "../context";
import { notifyNewOwner } from "../notify";
import { auditCaseRead, authorizeAudited, caseScope } from "./case-scope";

const commandActor = (c: AppContext): CommandActor => ({
  ...requireActor(c),
  clientAddress: clientAddress(c),
});

/** Mounted under `/api/cases`. */
export const caseActionRoutes = new Hono<import("../context").AppEnv>()
  .get("/:caseId/actions", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "action:view", access);
    const { database, clock } = c.get("deps");
    const actions = await listCaseActions(database.db, access.caseId, amsterdamDate(clock.now()));
    await auditCaseRead(c, access, { objectType: "actions" });
    return c.json({ actions });
  })
  .post("/:caseId/actions", async (c) => {
    const { access } = await caseScope(c);
    const input = await parseJson(c, createActionInput);
    const deps = c.get("deps");
    const action = await createAction(deps.database.db, commandActor(c), access, input, deps.clock.now());
    await notifyCase(deps, access.caseId);
    await notifyNewOwner(deps, action.createdBy, action);
    return c.json({ action }, 201);
  });

/** Mounted under `/api/actions`. */
export const actionRoutes = new Hono<import("../context").AppEnv>().patch("/:actionId", async (c) => {
  const actionId = uuidParam(c, "actionId");
  const patch = await parseJson(c, updateActionInput);
  const deps = c.get("deps");
  const actor = commandActor(c);
  const { action, reassigned } = await updateAction(
    deps.database.db,
    actor,
    actionId,
    patch,
    deps.clock.now(),
  );
  await notifyCase(deps, action.caseId);
  if (reassigned) await notifyNewOwner(deps, actor.id, action);
  return c.json({ action });
});
