/** What the app is built from: injected, so tests run on PGlite with a fixed clock. */
import type { Database } from "../db/client";
import type { SessionPolicy } from "./auth/sessions";
import type { Clock } from "./clock";
import type { Logger } from "./logger";
import type { Notifier } from "./notify";
import type { MailSettings } from "./notify/mail";

/** Settings the app needs at run time (derived from `env.ts` in production, set directly in tests). */
export interface AppConfig {
  session: SessionPolicy;
  /** Demo mode: demo accounts need no second factor. */
  demo: boolean;
  /** Set the Secure flag on cookies and send HSTS (behind https). */
  secureCookies: boolean;
  /** The origin browsers use, for the CSRF check; requests from the same host are also accepted. */
  publicOrigin?: string;
  /** The built SPA; undefined serves no web app (API-only tests). */
  webRoot?: string;
  /** Largest JSON body accepted, in bytes. */
  maxBodyBytes: number;
  /** Days an action may be late without a reason before it is proposed for escalation (default 7). */
  escalateAfterDays?: number;
  /** Years a closed case is kept before it may be destroyed (`RETENTION_YEARS`, default 20). */
  retentionYears?: number;
  /** Amsterdam wall-clock time (`HH:MM`) the daily due reminders go out; absent: no reminders are sent. */
  reminderTime?: string;
  /** The installation's secret (32 bytes, `SECRET_KEY`): seals second-factor keys at rest. */
  secretKey?: Uint8Array;
  /** How often the reminder schedule looks at the clock (default one minute). */
  reminderCheckMs?: number;
  /** Open Yjs connections one session may have (`MAX_CONNECTIONS_PER_SESSION`, default 60). */
  maxConnectionsPerSession?: number;
  /** Open Socket.IO sockets one session may have (`MAX_SOCKETS_PER_SESSION`, default 20). */
  maxSocketsPerSession?: number;
  /** Notifications by e-mail (`SMTP_URL`, `MAIL_FROM`); absent: they are only logged (ids). */
  mail?: MailSettings;
}

/** Someone's access changed: their open connections must close and re-authenticate. */
export interface AccessChange {
  userId: string;
  /** Only the connections to this case. */
  caseId?: string;
  /** Only the connections of this session, which has ended (logout). */
  sessionId?: string;
  /**
   * With `caseId`: their rights on the case changed but they may still have some (a new role, the
   * confidential readers changed). Open connections are checked again instead of all closed.
   */
  recheck?: boolean;
}

/** A tiny bus so the HTTP side can tell the Yjs and Socket.IO sides to drop connections. */
export class AccessEvents {
  private listeners = new Set<(change: AccessChange) => void>();

  /** Subscribes; returns the unsubscribe function. */
  subscribe(listener: (change: AccessChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Announces a change to every subscriber. */
  publish(change: AccessChange): void {
    for (const l of this.listeners) l(change);
  }
}

/** Everything `createApp` needs. */
export interface AppDeps {
  database: Database;
  logger: Logger;
  clock: Clock;
  config: AppConfig;
  accessEvents: AccessEvents;
  /** Sends reminders and escalation notices; a log-only notifier when absent. */
  notifier?: Notifier;
}
