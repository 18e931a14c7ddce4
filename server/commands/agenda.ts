/**
 * The chair's place on the agenda: which item is being discussed and, for an item about a plan
 * section, the section everyone's editor shows. One write with its audit entry, while it runs.
 */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { conferences } from "../../db/schema";
import type { SectionKey } from "../../shared/plan";
import { noSuchAgendaItem } from "../../shared/schemas/conference";
import { errors } from "../errors";
import type { CaseAccess } from "../policy";
import { auditCommand, type CommandActor } from "./case-command";
import { type ConferenceRow, chair } from "./conference";
import { requireInProgress } from "./decisions";

/** Where the discussion is: the agenda item (its position) and the plan section in focus. */
interface AgendaPlace {
  currentAgendaIndex: number | null;
  focusSectionKey: SectionKey | null;
}

/** Stores where the discussion is, with its audit entry. */
async function moveTo(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  place: AgendaPlace,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(conferences).set(place).where(eq(conferences.id, conference.id));
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "update",
        objectType: "conference",
        objectId: conference.id,
        details: { focus: place.focusSectionKey, agendaItem: place.currentAgendaIndex },
      },
      now,
    );
  });
}

/** Only the chair moves the discussion, and only while the conference runs. */
async function chairWhileRunning(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  now: Date,
): Promise<void> {
  await chair(db, actor, access, conference.id, now);
  requireInProgress(conference.status);
}

/**
 * Moves everyone's editor to a section (`agenda:focus`); the first agenda item about it becomes the
 * current one (none when the agenda does not name the section).
 */
export async function setFocus(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  sectionKey: SectionKey,
  now: Date,
): Promise<void> {
  await chairWhileRunning(db, actor, access, conference, now);
  const index = conference.agenda.findIndex((item) => item.sectionKey === sectionKey);
  await moveTo(
    db,
    actor,
    access,
    conference,
    { currentAgendaIndex: index < 0 ? null : index, focusSectionKey: sectionKey },
    now,
  );
}

/**
 * Marks an agenda item as the one being discussed (`agenda:current`). An item about a plan section
 * also moves everyone's editor there; any other item ("Openstaande actiepunten") leaves the editors
 * where they are and no section in focus. Answers the section moved to, if any.
 */
export async function setCurrentAgendaItem(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  index: number,
  now: Date,
): Promise<{ sectionKey: SectionKey | null }> {
  await chairWhileRunning(db, actor, access, conference, now);
  const item = conference.agenda[index];
  if (!item) throw errors.invalidInput([{ path: "index", message: noSuchAgendaItem }]);
  const sectionKey = (item.sectionKey as SectionKey | undefined) ?? null;
  await moveTo(
    db,
    actor,
    access,
    conference,
    { currentAgendaIndex: index, focusSectionKey: sectionKey },
    now,
  );
  return { sectionKey };
}
