/**
 * Conferences: schedule, start, end, attendance (the chair's place on the agenda: `agenda.ts`), and
 * the room state and minutes built from the database. One code path for the socket intents and
 * REST; each write one transaction with audit.
 */
import { and, asc, desc, eq, gte, inArray, isNull, lte, ne, or, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import {
  actionEvents,
  actionItems,
  attendance,
  caseMembers,
  cases,
  conferences,
  decisions,
  organisations,
  planVersions,
  users,
} from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import type {
  AttendanceView,
  ConferenceState,
  MinutesView,
  ReviewedActionView,
  ScheduleConferenceInput,
} from "../../shared/schemas/conference";
import { AppError, errors } from "../errors";
import { type CaseAccess, loadCaseAccess } from "../policy";
import { presentConference } from "../presenters/conference";
import { actionsAsOf } from "../queries/actions-as-of";
import { loadActionViews } from "./actions";
import { auditCommand, authorizeAudited, type CommandActor } from "./case-command";
import { loadDecisionViews, requireInProgress } from "./decisions";

export type ConferenceRow = typeof conferences.$inferSelect;

/** What lives only in memory for a running room: raised hands and who is connected. */
export interface LiveRoom {
  hands: { userId: string; raisedAt: Date }[];
  online: ReadonlySet<string>;
  revision: number;
}

export const emptyRoom: LiveRoom = { hands: [], online: new Set(), revision: 0 };

/** A conference and the actor's access to its case; 404 when either is unknown or hidden. */
export async function loadConferenceScope(
  db: Db | Tx,
  actor: CommandActor,
  conferenceId: string,
  now: Date,
): Promise<{ conference: ConferenceRow; access: CaseAccess }> {
  const [conference] = await db.select().from(conferences).where(eq(conferences.id, conferenceId)).limit(1);
  if (!conference) throw errors.notFound("Overleg niet gevonden.");
  const access = await loadCaseAccess(db as Db, actor, conference.caseId, now);
  if (!access) throw errors.notFound("Overleg niet gevonden.");
  return { conference, access };
}

/**
 * The conferences of a case, newest first by when each was held (its start), or, until it starts,
 * when it is planned: the date the lists show, so a postponed conference sits where it was held.
 */
export async function listCaseConferences(db: Db | Tx, caseId: string) {
  const rows = await db
    .select()
    .from(conferences)
    .where(eq(conferences.caseId, caseId))
    .orderBy(sql`coalesce(${conferences.startedAt}, ${conferences.scheduledAt}) desc`, desc(conferences.id));
  return rows.map(presentConference);
}

/** Schedules a conference: chair, case director or the region's coordinator. */
export async function scheduleConference(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  input: ScheduleConferenceInput,
  now: Date,
) {
  await authorizeAudited(db, actor, access, "conference:schedule", access, { type: "conference" }, now);
  // Today is fine (a conference planned for this afternoon, or started right away); before it is a slip.
  if (amsterdamDate(new Date(input.scheduledAt)) < amsterdamDate(now)) {
    throw errors.invalidInput([
      { path: "scheduledAt", message: "Dit tijdstip ligt in het verleden. Kies vandaag of later." },
    ]);
  }
  const row = await db.transaction(async (tx) => {
    const [created] = await tx
      .insert(conferences)
      .values({
        caseId: access.caseId,
        scheduledAt: new Date(input.scheduledAt),
        durationMinutes: input.durationMinutes ?? 45,
        agenda: input.agenda,
        createdBy: actor.id,
        createdAt: now,
      })
      .returning();
    await auditCommand(
      tx,
      actor,
      access,
      { action: "create", objectType: "conference", objectId: created.id },
      now,
    );
    return created;
  });
  return presentConference(row);
}

/**
 * Everyone on the case (and anyone recorded in the room who no longer is), with attendance. With
 * `asOf` (the minutes: the end), members added to the case after it are left out: they were not on
 * the case then, so nothing could be recorded for them.
 */
async function loadAttendance(
  db: Db | Tx,
  conference: ConferenceRow,
  online: ReadonlySet<string>,
  asOf?: Date,
) {
  const everyMember = await db
    .select({
      userId: caseMembers.userId,
      role: caseMembers.role,
      addedAt: caseMembers.addedAt,
      name: users.name,
      orgId: organisations.id,
      orgName: organisations.name,
    })
    .from(caseMembers)
    .innerJoin(users, eq(users.id, caseMembers.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(caseMembers.caseId, conference.caseId))
    .orderBy(asc(users.name), asc(users.id));
  const recorded = await db
    .select({
      userId: attendance.userId,
      present: attendance.present,
      joinedAt: attendance.joinedAt,
      leftAt: attendance.leftAt,
      name: users.name,
      orgId: organisations.id,
      orgName: organisations.name,
    })
    .from(attendance)
    .innerJoin(users, eq(users.id, attendance.userId))
    .leftJoin(organisations, eq(organisations.id, users.organisationId))
    .where(eq(attendance.conferenceId, conference.id));
  const byUser = new Map(recorded.map((r) => [r.userId, r]));
  const members = everyMember.filter(
    (m) => !asOf || m.addedAt.getTime() <= asOf.getTime() || byUser.has(m.userId),
  );
  const org = (id: string | null, name: string | null) => (id && name !== null ? { id, name } : null);
  const list: AttendanceView[] = members.map((m) => {
    const r = byUser.get(m.userId);
    return {
      userId: m.userId,
      name: m.name,
      role: m.role,
      organisation: org(m.orgId, m.orgName),
      present: r?.present ?? null,
      joinedAt: r?.joinedAt ? r.joinedAt.toISOString() : null,
      leftAt: r?.leftAt ? r.leftAt.toISOString() : null,
      // A conference that ended has nobody in it: who opens it afterwards is not shown as there.
      online: conference.status !== "ended" && online.has(m.userId),
    };
  });
  const memberIds = new Set(members.map((m) => m.userId));
  for (const r of recorded) {
    if (memberIds.has(r.userId)) continue;
    list.push({
      userId: r.userId,
      name: r.name,
      role: "former",
      organisation: org(r.orgId, r.orgName),
      present: r.present,
      joinedAt: r.joinedAt ? r.joinedAt.toISOString() : null,
      leftAt: r.leftAt ? r.leftAt.toISOString() : null,
      online: false,
    });
  }
  return list;
}

async function loadVersions(db: Db | Tx, conferenceId: string) {
  return db
    .select({ id: planVersions.id, number: planVersions.number, createdAt: planVersions.createdAt })
    .from(planVersions)
    .where(eq(planVersions.conferenceId, conferenceId))
    .orderBy(asc(planVersions.number));
}

/** The actions a conference reviews: the case's open ones agreed elsewhere (earlier or outside a conference). */
function reviewedActions(conference: ConferenceRow, openOnly = true) {
  return and(
    eq(actionItems.caseId, conference.caseId),
    openOnly ? inArray(actionItems.status, ["open", "in_progress"]) : undefined,
    or(isNull(actionItems.conferenceId), ne(actionItems.conferenceId, conference.id)),
  );
}

/**
 * Refuses to end a conference while a late action it reviews has neither a late reason nor a new
 * status (done or cancelled): a review conference exists to settle exactly those (`DOMAIN.md`).
 */
async function requireLateActionsExplained(db: Db | Tx, conference: ConferenceRow, today: string) {
  const unexplained = await db
    .select({ id: actionItems.id, title: actionItems.title })
    .from(actionItems)
    .where(
      and(
        reviewedActions(conference),
        sql`${actionItems.dueDate} < ${today}::date`,
        isNull(actionItems.lateReason),
      ),
    )
    .orderBy(asc(actionItems.dueDate), asc(actionItems.id));
  if (unexplained.length === 0) return;
  throw new AppError(
    "late_actions_unexplained",
    unexplained.length === 1
      ? "Eén te laat actiepunt heeft nog geen reden of nieuwe status."
      : `${unexplained.length} te late actiepunten hebben nog geen reden of nieuwe status.`,
    unexplained.map((a) => ({ path: `actions.${a.id}`, message: a.title })),
  );
}

/**
 * Refuses to end a conference while a decision proposed in it is neither adopted nor withdrawn:
 * decisions are adopted only during their conference, so one left open would stay open for good.
 */
async function requireProposalsSettled(db: Db | Tx, conference: ConferenceRow) {
  const open = await db
    .select({ id: decisions.id })
    .from(decisions)
    .where(and(eq(decisions.conferenceId, conference.id), eq(decisions.status, "proposed")))
    .orderBy(asc(decisions.proposedAt), asc(decisions.id));
  if (open.length === 0) return;
  throw new AppError(
    "open_proposals",
    open.length === 1
      ? "Eén voorstel is nog niet aangenomen of ingetrokken."
      : `${open.length} voorstellen zijn nog niet aangenomen of ingetrokken.`,
    open.map((d) => ({ path: `decisions.${d.id}`, message: "Nog open." })),
  );
}

/** The full room state: the conference, attendance, hands, decisions, actions and open actions. */
export async function loadConferenceState(
  db: Db | Tx,
  conference: ConferenceRow,
  today: string,
  live: LiveRoom,
): Promise<ConferenceState> {
  const [attendanceList, decisionList, actions, openActions, versions] = await Promise.all([
    loadAttendance(db, conference, live.online),
    loadDecisionViews(db, eq(decisions.conferenceId, conference.id)),
    loadActionViews(db, eq(actionItems.conferenceId, conference.id), today),
    loadActionViews(db, reviewedActions(conference), today),
    loadVersions(db, conference.id),
  ]);
  const names = new Map(attendanceList.map((a) => [a.userId, a.name]));
  return {
    conference: presentConference(conference),
    attendance: attendanceList,
    hands: live.hands.map((h) => ({
      userId: h.userId,
      name: names.get(h.userId) ?? "",
      raisedAt: h.raisedAt.toISOString(),
    })),
    decisions: decisionList,
    actions,
    openActions,
    planVersions: versions.map((v) => ({ id: v.id, number: v.number })),
    revision: live.revision,
  };
}

/** The minutes of an ended conference; 409 before it ends. */
export async function loadMinutes(
  db: Db | Tx,
  conference: ConferenceRow,
  today: string,
): Promise<MinutesView> {
  if (conference.status !== "ended") {
    throw errors.conflict("Het verslag is er zodra de voorzitter het overleg afsluit.");
  }
  const [caseRow] = await db
    .select({ id: cases.id, reference: cases.reference, title: cases.title })
    .from(cases)
    .where(eq(cases.id, conference.caseId));
  // The record as it stood at the end: actions changed since are shown as they were then.
  const endedAt = conference.endedAt ?? undefined;
  const endDay = endedAt ? amsterdamDate(endedAt) : today;
  const [attendanceList, decisionList, actions, versions, reviewed] = await Promise.all([
    loadAttendance(db, conference, new Set(), endedAt),
    loadDecisionViews(db, eq(decisions.conferenceId, conference.id)),
    loadActionViews(db, eq(actionItems.conferenceId, conference.id), endDay).then((views) =>
      endedAt ? actionsAsOf(db, views, endedAt, endDay) : views,
    ),
    loadVersions(db, conference.id),
    loadReviewed(db, conference),
  ]);
  return {
    case: caseRow,
    conference: presentConference(conference),
    attendance: attendanceList,
    decisions: decisionList,
    actions,
    reviewed,
    planVersions: versions.map((v) => ({ id: v.id, number: v.number, createdAt: v.createdAt.toISOString() })),
  };
}

/** Earlier actions changed or noted while the conference ran, from their history (a frozen record). */
async function loadReviewed(db: Db | Tx, conference: ConferenceRow): Promise<ReviewedActionView[]> {
  if (!conference.startedAt || !conference.endedAt) return [];
  const events = await db
    .select({
      actionId: actionEvents.actionId,
      title: actionItems.title,
      changes: actionEvents.changes,
      note: actionEvents.note,
    })
    .from(actionEvents)
    .innerJoin(actionItems, eq(actionItems.id, actionEvents.actionId))
    .where(
      and(
        reviewedActions(conference, false),
        gte(actionEvents.at, conference.startedAt),
        lte(actionEvents.at, conference.endedAt),
      ),
    )
    .orderBy(asc(actionEvents.at), asc(actionEvents.id));
  // Owners are stored by id; the record shows names.
  const ownerIds = [
    ...new Set(
      events.flatMap((e) =>
        e.changes.filter((c) => c.field === "ownerUserId").flatMap((c) => [c.from, c.to]),
      ),
    ),
  ].filter((v): v is string => typeof v === "string");
  const names = new Map(
    ownerIds.length
      ? (
          await db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ownerIds))
        ).map((u) => [u.id, u.name])
      : [],
  );
  const byAction = new Map<string, ReviewedActionView>();
  for (const e of events) {
    const item = byAction.get(e.actionId) ?? { id: e.actionId, title: e.title, changes: [], notes: [] };
    for (const c of e.changes) {
      if (c.field === "ownerOrganisationId") continue;
      item.changes.push(
        c.field === "ownerUserId"
          ? {
              field: c.field,
              from: c.from && (names.get(c.from) ?? null),
              to: c.to && (names.get(c.to) ?? null),
            }
          : c,
      );
    }
    if (e.note) item.notes.push(e.note);
    byAction.set(e.actionId, item);
  }
  return [...byAction.values()];
}

/** Throws (and audits the refusal) unless the actor chairs this case's conferences. */
export async function chair(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conferenceId: string,
  now: Date,
) {
  await authorizeAudited(
    db,
    actor,
    access,
    "conference:chair",
    access,
    { type: "conference", id: conferenceId },
    now,
  );
}

/** Starts a scheduled conference (chair); whoever is connected is recorded present. */
export async function startConference(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  online: Iterable<string>,
  now: Date,
): Promise<void> {
  await chair(db, actor, access, conference.id, now);
  if (conference.status !== "scheduled") {
    throw new AppError("conflict", "Dit overleg is al begonnen of afgesloten.");
  }
  await db.transaction(async (tx) => {
    const updated = await tx
      .update(conferences)
      .set({ status: "in_progress", startedAt: now })
      .where(and(eq(conferences.id, conference.id), eq(conferences.status, "scheduled")))
      .returning({ id: conferences.id });
    if (updated.length === 0) throw new AppError("conflict", "Dit overleg is al begonnen of afgesloten.");
    await markPresent(tx, conference, [...online], now);
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "update",
        objectType: "conference",
        objectId: conference.id,
        details: { status: "in_progress" },
      },
      now,
    );
  });
}

/** Ends a running conference (chair): the minutes exist from this moment. */
export async function endConference(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  now: Date,
): Promise<void> {
  await chair(db, actor, access, conference.id, now);
  requireInProgress(conference.status);
  await db.transaction(async (tx) => {
    await requireLateActionsExplained(tx, conference, amsterdamDate(now));
    await requireProposalsSettled(tx, conference);
    const updated = await tx
      .update(conferences)
      .set({ status: "ended", endedAt: now })
      .where(and(eq(conferences.id, conference.id), eq(conferences.status, "in_progress")))
      .returning({ id: conferences.id });
    if (updated.length === 0) requireInProgress("ended");
    await tx
      .update(attendance)
      .set({ leftAt: now })
      .where(and(eq(attendance.conferenceId, conference.id), isNull(attendance.leftAt)));
    await auditCommand(
      tx,
      actor,
      access,
      { action: "update", objectType: "conference", objectId: conference.id, details: { status: "ended" } },
      now,
    );
  });
}

/** The chair records someone (a member) as present, absent or excused. */
export async function setAttendance(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  userId: string,
  present: "present" | "absent" | "excused",
  now: Date,
): Promise<void> {
  await chair(db, actor, access, conference.id, now);
  if (conference.status === "ended") requireInProgress(conference.status);
  const [member] = await db
    .select({ userId: caseMembers.userId })
    .from(caseMembers)
    .where(and(eq(caseMembers.caseId, conference.caseId), eq(caseMembers.userId, userId)))
    .limit(1);
  if (!member)
    throw errors.invalidInput([{ path: "userId", message: "Deze persoon is geen lid van de casus." }]);
  await db.transaction(async (tx) => {
    await tx
      .insert(attendance)
      .values({ conferenceId: conference.id, userId, present })
      .onConflictDoUpdate({ target: [attendance.conferenceId, attendance.userId], set: { present } });
    await auditCommand(
      tx,
      actor,
      access,
      {
        action: "update",
        objectType: "attendance",
        objectId: conference.id,
        details: { userId, present },
      },
      now,
    );
  });
}

async function markPresent(tx: Db | Tx, conference: ConferenceRow, userIds: string[], now: Date) {
  if (userIds.length === 0) return;
  await tx
    .insert(attendance)
    .values(
      userIds.map((userId) => ({
        conferenceId: conference.id,
        userId,
        present: "present" as const,
        joinedAt: now,
      })),
    )
    .onConflictDoUpdate({
      target: [attendance.conferenceId, attendance.userId],
      set: {
        present: "present",
        leftAt: null,
        joinedAt: sql`coalesce(${attendance.joinedAt}, excluded.joined_at)`,
      },
    });
}

/**
 * Someone opened the room (policy already said yes): audits the read and, while the conference
 * runs, records them present.
 */
export async function recordJoin(
  db: Db,
  actor: CommandActor,
  access: CaseAccess,
  conference: ConferenceRow,
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (conference.status === "in_progress") await markPresent(tx, conference, [actor.id], now);
    await auditCommand(
      tx,
      actor,
      access,
      { action: "read", objectType: "conference", objectId: conference.id },
      now,
    );
  });
}

/** Someone left a running room: records when. */
export async function recordLeave(db: Db, conferenceId: string, userId: string, now: Date): Promise<void> {
  await db
    .update(attendance)
    .set({ leftAt: now })
    .where(
      and(
        eq(attendance.conferenceId, conferenceId),
        eq(attendance.userId, userId),
        isNull(attendance.leftAt),
        sql`exists (select 1 from ${conferences} where ${conferences.id} = ${conferenceId} and ${conferences.status} = 'in_progress')`,
      ),
    );
}

/** The running conferences of a case (for broadcasting changes made over REST). */
export async function runningConferenceIds(db: Db | Tx, caseId: string): Promise<string[]> {
  const rows = await db
    .select({ id: conferences.id })
    .from(conferences)
    .where(and(eq(conferences.caseId, caseId), eq(conferences.status, "in_progress")));
  return rows.map((r) => r.id);
}
