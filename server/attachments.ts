/** The parts that live beside the Hono routes on the same http server. */
import { attachCollab } from "./collab";
import { attachConference } from "./conference";
import { attachReminders } from "./notify";
import type { Attach } from "./server";

/** Every attachment main.ts starts: the Yjs endpoint, Socket.IO and the daily reminder schedule. */
export const allAttachments: Attach[] = [attachConference, attachCollab, attachReminders];
