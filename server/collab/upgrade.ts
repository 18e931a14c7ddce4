/** Decides a Yjs upgrade before any bytes flow: session, document name, origin, section policy. */
import type { IncomingMessage } from "node:http";
import type { Duplex } from "node:stream";
import { parseSectionDocName } from "../../shared/plan";
import { type AuditActor, createAuditBatcher } from "../audit/log";
import { authenticateCookies } from "../auth/request-auth";
import { admissionGatherMs, batched } from "../batching";
import type { AppDeps } from "../deps";
import { isOwnOrigin } from "../origin";
import {
  type Actor,
  actorOf,
  type CaseAccess,
  type CaseAccessRequest,
  can,
  loadCaseAccesses,
} from "../policy";
import { SessionLimit } from "../session-limit";

/** A parsed section document name. */
export type ParsedSectionDoc = NonNullable<ReturnType<typeof parseSectionDocName>>;

/** The path prefix of the endpoint. */
export const yjsPathPrefix = "/yjs/";

/**
 * Open Yjs connections one session may have when `MAX_CONNECTIONS_PER_SESSION` is not set: a plan
 * has 13 sections, so a few tabs with a plan fit.
 */
export const defaultMaxConnectionsPerSession = 60;

/** Who is connecting to which section, and what they may do there. */
export interface AdmittedConnection {
  actor: Actor;
  docName: string;
  section: ParsedSectionDoc;
  access: CaseAccess;
  canEdit: boolean;
  auditActor: AuditActor;
  /** The Cookie header, for re-checking the session while connected. */
  cookie: string;
  /** The account's name: what others see beside this person's caret, whatever the client says. */
  userName: string;
}

/** A refusal written as a plain HTTP response. */
export interface Refusal {
  status: 401 | 403 | 404 | 429 | 503;
}

/** The document name in a request path, or undefined when the path is not a section document. */
export function docNameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  const path = url.split("?")[0];
  if (!path.startsWith(yjsPathPrefix)) return undefined;
  try {
    return decodeURIComponent(path.slice(yjsPathPrefix.length));
  } catch {
    return undefined;
  }
}

/** Whether a browser's Origin header is ours (cookies ride along on cross-site WebSockets too). */
function originAllowed(req: IncomingMessage, deps: AppDeps): boolean {
  return isOwnOrigin(req.headers.origin, req.headers.host, deps.config.publicOrigin);
}

/** Decides upgrades: `admit(req)` authenticates and authorises one, auditing refusals and the opening read. */
export type Admit = (req: IncomingMessage) => Promise<AdmittedConnection | Refusal>;

/**
 * The admission of one endpoint. Opening a plan opens a dozen section connections at once, and
 * after a restart every client reconnects within a second or two. Connections that arrive together
 * share their lookups, each one query whatever the users, sessions and cases: the sessions, then
 * the access; their audit entries are written in one transaction, and each connection still waits
 * until its entry is stored. Every lookup starts after the connections sharing it arrived, so none
 * gets an older answer.
 *
 * A session has at most `maxConnectionsPerSession` connections (`MAX_CONNECTIONS_PER_SESSION`). The
 * slot is taken when the session's lookup answers, synchronously, so connections whose lookups were
 * batched together are still counted one by one: of a hundred arriving at once, only the cap pass.
 * The socket holds the slot until it closes, whatever closes it: a later refusal, a failed upgrade,
 * the client, the server (revoked access, a destroyed case, shutdown).
 */
export function createAdmission(deps: AppDeps): Admit {
  const db = deps.database.db;
  const authenticate = batched((cookies: (string | undefined)[]) => authenticateCookies(deps, cookies), {
    maxBatch: 500,
    busyDelayMs: admissionGatherMs,
  });
  const caseAccess = batched(
    (requests: CaseAccessRequest[]) => loadCaseAccesses(db, requests, deps.clock.now()),
    { maxBatch: 500, busyDelayMs: admissionGatherMs },
  );
  const writeAudit = createAuditBatcher(db);
  const perSession = new SessionLimit(
    deps.config.maxConnectionsPerSession ?? defaultMaxConnectionsPerSession,
  );

  const admit: Admit = async (req) => {
    const now = deps.clock.now();
    const clientAddress = req.socket.remoteAddress ?? null;
    const docName = docNameOf(req.url);
    const section = docName ? parseSectionDocName(docName) : undefined;
    const auth = await authenticate(req.headers.cookie);
    const refuse = async (status: Refusal["status"], actor: AuditActor, reason: string, caseId?: string) => {
      await writeAudit(
        actor,
        {
          action: "refused",
          objectType: "section",
          // Only a well-formed name is recorded: anything else is caller-controlled text.
          objectId: section ? docName : null,
          caseId: caseId ?? null,
          outcome: "refused",
          details: { reason },
        },
        now,
      );
      return { status };
    };
    const anonymous: AuditActor = { userId: null, role: null, organisationId: null, clientAddress };
    if (!auth) return refuse(401, anonymous, "no_session");
    const actor = actorOf(auth.user);
    const auditActor: AuditActor = {
      userId: actor.id,
      role: actor.globalRole,
      organisationId: actor.organisationId,
      clientAddress,
    };
    if (!section || !docName) return refuse(401, auditActor, "unknown_document");
    if (!originAllowed(req, deps)) return refuse(403, auditActor, "cross_origin", section.caseId);
    const slot = perSession.take(auth.session.id);
    if (!slot.ok) {
      // Logged (ids only) and audited once per session reaching the cap, not at every retry: a tab
      // beyond it retries each section every few seconds until another tab closes.
      if (!slot.first) return { status: 429 };
      deps.logger.warn(
        { userId: actor.id, limit: perSession.max },
        "Yjs connections per session at the cap; refusing more",
      );
      return refuse(429, auditActor, "too_many_connections", section.caseId);
    }
    holdUntilClosed(req.socket, slot.release);
    const access = await caseAccess({ actor, caseId: section.caseId });
    if (!access) return refuse(401, auditActor, "unknown_document");
    const caseActor = { ...auditActor, role: access.role ?? actor.globalRole };
    const subject = { access, sectionKey: section.sectionKey };
    if (!can(actor, "section:read", subject)) return refuse(403, caseActor, "not_allowed", section.caseId);
    await writeAudit(
      caseActor,
      {
        action: "read",
        objectType: "section",
        objectId: docName,
        caseId: section.caseId,
        outcome: "success",
        breakGlass: access.role === null && access.breakGlass,
      },
      now,
    );
    return {
      actor,
      docName,
      section,
      access,
      canEdit: can(actor, "section:edit", subject),
      auditActor: caseActor,
      cookie: req.headers.cookie ?? "",
      userName: auth.user.name,
    };
  };
  return admit;
}

/**
 * Gives a slot back when the socket closes. A socket destroyed already (the client gave up while
 * its session was looked up) may have emitted its `close` before anyone listened: given back now.
 */
function holdUntilClosed(socket: Duplex, release: () => void): void {
  socket.once("close", release);
  if (socket.destroyed) release();
}

/** Writes a refusal to a socket that has not been upgraded, and closes it. */
export function writeRefusal(socket: Duplex, status: Refusal["status"]): void {
  const text = {
    401: "Unauthorized",
    403: "Forbidden",
    404: "Not Found",
    429: "Too Many Requests",
    503: "Service Unavailable",
  }[status];
  if (socket.writable) {
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }
  socket.destroy();
}
