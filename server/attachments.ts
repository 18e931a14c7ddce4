/** The parts that live beside the Hono routes on the same http server. */
import { attachCollab } from "./collab";
import { attachConference } from "./conference";
import type { Attach } from "./server";

/** Every attachment main.ts starts; the Yjs endpoint and Socket.IO register here. */
export const allAttachments: Attach[] = [attachConference, attachCollab];
