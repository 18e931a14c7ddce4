/** The Yjs collaboration endpoint, as registered in `server/attachments.ts`. */
import { createCollabAttach } from "./endpoint";

export { type CollabOptions, type CollabServer, createCollabAttach } from "./endpoint";

/** The endpoint with production defaults. */
export const attachCollab = createCollabAttach();
