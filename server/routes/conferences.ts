/** Conferences over REST: list and schedule per case, the room state, and the minutes (JSON, Markdown). */
import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { conferences } from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import { heldAt, scheduleConferenceInput } from "../../shared/schemas/conference";
import type { CommandActor } from "../commands/case-command";
import {
  emptyRoom,
  listCaseConferences,
  loadConferenceState,
  loadMinutes,
  scheduleConference,
} from "../commands/conference";
import { hubOf } from "../conference/hub";
import { type AppContext, type AppEnv, clientAddress, parseJson, requireActor, uuidParam } from "../context";
import { errors } from "../errors";
import { minutesMarkdown } from "../presenters/conference";
import { auditCaseRead, authorizeAudited, caseScope } from "./case-scope";

/** Mounted under `/api/cases`. */
export const caseConferenceRoutes = new Hono<AppEnv>()
  .get("/:caseId/conferences", async (c) => {
    const { actor, access } = await caseScope(c);
    await authorizeAudited(c, actor, "conference:view", access);
    const { database } = c.get("deps");
    const list = await listCaseConferences(database.db, access.caseId);
    await auditCaseRead(c, access, { objectType: "conferences" });
    return c.json({ conferences: list });
  })
  .post("/:caseId/conferences", async (c) => {
    const { access } = await caseScope(c);
    const input = await parseJson(c, scheduleConferenceInput);
    const { database, clock } = c.get("deps");
    const actor: CommandActor = { ...requireActor(c), clientAddress: clientAddress(c) };
    const conference = await scheduleConference(database.db, actor, access, input, clock.now());
    await hubOf(c.get("deps"))?.scheduled(access.caseId, conference.id);
    return c.json({ conference }, 201);
  });

/** The conference in the path and the caller's access; 404 when unknown or hidden. */
async function conferenceScope(c: AppContext) {
  const conferenceId = uuidParam(c, "conferenceId");
  requireActor(c);
  const { db } = c.get("deps").database;
  const [row] = await db.select().from(conferences).where(eq(conferences.id, conferenceId)).limit(1);
  if (!row) throw errors.notFound("Overleg niet gevonden.");
  const { actor, access } = await caseScope(c, row.caseId);
  await authorizeAudited(c, actor, "conference:view", access);
  return { conference: row, access };
}

/** Mounted under `/api/conferences`. */
export const conferenceRoutes = new Hono<AppEnv>()
  .get("/:conferenceId", async (c) => {
    const { conference, access } = await conferenceScope(c);
    const deps = c.get("deps");
    const now = deps.clock.now();
    const state = await loadConferenceState(
      deps.database.db,
      conference,
      amsterdamDate(now),
      hubOf(deps)?.live(conference.id) ?? emptyRoom,
    );
    await auditCaseRead(c, access, { action: "read", objectType: "conference", objectId: conference.id });
    return c.json(state);
  })
  .get("/:conferenceId/minutes", async (c) => {
    const { conference, access } = await conferenceScope(c);
    const deps = c.get("deps");
    const now = deps.clock.now();
    const minutes = await loadMinutes(deps.database.db, conference, amsterdamDate(now));
    await auditCaseRead(c, access, { action: "read", objectType: "minutes", objectId: conference.id });
    return c.json(minutes);
  })
  .get("/:conferenceId/minutes.md", async (c) => {
    const { conference, access } = await conferenceScope(c);
    const deps = c.get("deps");
    const now = deps.clock.now();
    const minutes = await loadMinutes(deps.database.db, conference, amsterdamDate(now));
    await auditCaseRead(c, access, { action: "export", objectType: "minutes", objectId: conference.id });
    // The day it was held, in the region's time, as the minutes are titled.
    const day = amsterdamDate(new Date(heldAt(minutes.conference)));
    const file = `verslag-${minutes.case.reference.replace(/[^A-Za-z0-9-]/g, "_")}-${day}.md`;
    return c.body(minutesMarkdown(minutes), 200, {
      "content-type": "text/markdown; charset=utf-8",
      "content-disposition": `attachment; filename="${file}"`,
      "cache-control": "no-store",
    });
  });
