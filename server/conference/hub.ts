/**
 * The live side of conferences: raised hands and who is connected (memory only), the revision
 * counter, and broadcasting the room state. REST writes reach running rooms through `hubOf(deps)`.
 */
import { eq } from "drizzle-orm";
import type { Server } from "socket.io";
import { caseMembers, conferences } from "../../db/schema";
import { amsterdamDate } from "../../shared/dates";
import type { ClientToServerEvents, ServerToClientEvents } from "../../shared/events";
import type { ConferenceState } from "../../shared/schemas/conference";
import { emptyRoom, type LiveRoom, loadConferenceState, runningConferenceIds } from "../commands/conference";
import type { AppDeps } from "../deps";
import { loggableError } from "../logger";

export type ConferenceServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** The Socket.IO room of a conference. */
export const roomOf = (conferenceId: string) => `conference:${conferenceId}`;
/** The room every socket of a user joins, to reach (and drop) them all. */
export const userRoomOf = (userId: string) => `user:${userId}`;

interface Room {
  hands: { userId: string; raisedAt: Date }[];
  /** userId → number of connected sockets in the room. */
  online: Map<string, number>;
  revision: number;
  /** Broadcasts run one after the other so states leave in revision order. */
  queue: Promise<unknown>;
}

export class ConferenceHub {
  private rooms = new Map<string, Room>();

  constructor(
    private readonly deps: AppDeps,
    readonly io: ConferenceServer,
  ) {}

  private room(conferenceId: string): Room {
    let room = this.rooms.get(conferenceId);
    if (!room) {
      room = { hands: [], online: new Map(), revision: 0, queue: Promise.resolve() };
      this.rooms.set(conferenceId, room);
    }
    return room;
  }

  /** The memory-only part of a room, for building its state. */
  live(conferenceId: string): LiveRoom {
    const room = this.rooms.get(conferenceId);
    if (!room) return emptyRoom;
    return { hands: [...room.hands], online: new Set(room.online.keys()), revision: room.revision };
  }

  online(conferenceId: string): string[] {
    return [...(this.rooms.get(conferenceId)?.online.keys() ?? [])];
  }

  /** Counts a socket of a user in; true when it is their first. */
  enter(conferenceId: string, userId: string): boolean {
    const room = this.room(conferenceId);
    const n = room.online.get(userId) ?? 0;
    room.online.set(userId, n + 1);
    return n === 0;
  }

  /** Counts a socket of a user out; true when it was their last (their hand goes down). */
  exit(conferenceId: string, userId: string): boolean {
    const room = this.rooms.get(conferenceId);
    if (!room) return false;
    const n = (room.online.get(userId) ?? 0) - 1;
    if (n > 0) {
      room.online.set(userId, n);
      return false;
    }
    room.online.delete(userId);
    room.hands = room.hands.filter((h) => h.userId !== userId);
    return true;
  }

  /** Raises a hand at the back of the queue; false when it was already up. */
  raiseHand(conferenceId: string, userId: string, at: Date): boolean {
    const room = this.room(conferenceId);
    if (room.hands.some((h) => h.userId === userId)) return false;
    room.hands.push({ userId, raisedAt: at });
    return true;
  }

  /** Lowers a hand; false when it was not up. */
  lowerHand(conferenceId: string, userId: string): boolean {
    const room = this.rooms.get(conferenceId);
    if (!room) return false;
    const before = room.hands.length;
    room.hands = room.hands.filter((h) => h.userId !== userId);
    return room.hands.length !== before;
  }

  /** Clears the hands (conference ended). */
  clearHands(conferenceId: string): void {
    const room = this.rooms.get(conferenceId);
    if (room) room.hands = [];
  }

  /** Builds the state from the database and sends it to the room; resolves with what was sent. */
  broadcast(conferenceId: string): Promise<ConferenceState | null> {
    const room = this.room(conferenceId);
    const run = room.queue.then(async () => {
      const { db } = this.deps.database;
      const [row] = await db.select().from(conferences).where(eq(conferences.id, conferenceId)).limit(1);
      if (!row) return null;
      room.revision++;
      const state = await loadConferenceState(
        db,
        row,
        amsterdamDate(this.deps.clock.now()),
        this.live(conferenceId),
      );
      this.io.to(roomOf(conferenceId)).emit("conference:state", state);
      return state;
    });
    room.queue = run.catch(() => undefined);
    return run;
  }

  /** A conference was scheduled (REST): tells the case's members' open pages, ids only. */
  async scheduled(caseId: string, conferenceId: string): Promise<void> {
    try {
      const members = await this.deps.database.db
        .select({ userId: caseMembers.userId })
        .from(caseMembers)
        .where(eq(caseMembers.caseId, caseId));
      if (members.length === 0) return;
      this.io
        .to(members.map((m) => userRoomOf(m.userId)))
        .emit("conference:scheduled", { caseId, conferenceId });
    } catch (err) {
      // The conference is stored; open pages see it at their next load.
      this.deps.logger.warn({ err: loggableError(err) }, "conference scheduled notice failed");
    }
  }

  /**
   * Who is on a case changed (REST): tells the members' open pages, and `alsoTell` (someone just
   * removed), ids only, and rebroadcasts the case's running conferences (roles show in them).
   */
  async membersChanged(caseId: string, alsoTell: string[] = []): Promise<void> {
    const members = await this.deps.database.db
      .select({ userId: caseMembers.userId })
      .from(caseMembers)
      .where(eq(caseMembers.caseId, caseId));
    const rooms = [...new Set([...members.map((m) => m.userId), ...alsoTell])].map(userRoomOf);
    if (rooms.length > 0) this.io.to(rooms).emit("case:changed", { caseId });
    await this.caseChanged(caseId);
  }

  /** A change made outside a room (REST): rebroadcast every running conference of the case. */
  async caseChanged(caseId: string): Promise<void> {
    const ids = await runningConferenceIds(this.deps.database.db, caseId);
    await Promise.all(ids.filter((id) => this.rooms.has(id)).map((id) => this.broadcast(id)));
  }
}

const hubs = new WeakMap<AppDeps, ConferenceHub>();

/** The hub of a running server, when Socket.IO is attached. */
export function hubOf(deps: AppDeps): ConferenceHub | undefined {
  return hubs.get(deps);
}

/** Registers the hub of a server. */
export function registerHub(deps: AppDeps, hub: ConferenceHub): () => void {
  hubs.set(deps, hub);
  return () => hubs.delete(deps);
}

/** Tells the members of a case that its members or their rights changed; never fails the request. */
export async function notifyMembersChanged(
  deps: AppDeps,
  caseId: string,
  alsoTell: string[] = [],
): Promise<void> {
  try {
    await hubOf(deps)?.membersChanged(caseId, alsoTell);
  } catch (err) {
    deps.logger.warn({ err: loggableError(err) }, "members changed notice failed");
  }
}

/** Tells running rooms of a case about a REST write; never fails the request. */
export async function notifyCase(deps: AppDeps, caseId: string): Promise<void> {
  try {
    await hubOf(deps)?.caseChanged(caseId);
  } catch (err) {
    deps.logger.warn({ err: { type: (err as Error).name } }, "conference broadcast failed");
  }
}
