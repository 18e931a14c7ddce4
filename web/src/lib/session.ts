/** The logged-in user, shared by every page. */
import { createResource, createRoot, createSignal } from "solid-js";
import { ApiError, api, checkSession, whenSessionEnds } from "./api";
import { forgetLocalCopies } from "./local-copies";

/** The current user as `GET /api/me` returns it. */
export interface Me {
  id: string;
  email: string;
  name: string;
  globalRole: "none" | "coordinator" | "admin";
  region: string;
  organisation: { id: string; name: string; kind: string } | null;
  totpEnabled: boolean;
  /** Signed in with a start password: the password page is the only page until it is replaced. */
  mustChangePassword: boolean;
}

// Lives as long as the app, in a root of its own: created at module load, there is no owner to adopt it.
const [me, { refetch, mutate }] = createRoot(() =>
  createResource<Me | null>(async () => {
    try {
      return await api.get<Me>("/me");
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) return null;
      throw e;
    }
  }),
);

/** The current user (null when logged out, undefined while loading). */
export { me };

/** Reloads the current user (after login). */
export async function refreshMe(): Promise<void> {
  await refetch();
  if (me()) setSessionLost(false);
}

/**
 * The session ended: a request was answered 401, a plan section was closed for it (4401), or, while
 * the page could not hear it, its live connections kept failing and `/api/me` then answered 401.
 */
const [sessionLost, setSessionLost] = createSignal(false);

export { sessionLost };

/** How often connections that keep failing may ask whether the session still holds. */
const sessionProbeMs = 10_000;
let lastProbe = 0;

/**
 * Asks the server whether this session still holds, at most every ten seconds, for connections that
 * keep failing: after a laptop slept past the session's end they would otherwise retry for ever.
 * Only a 401 counts; no answer at all (offline, the server restarting) changes nothing.
 */
export function checkSessionSoon(): void {
  if (sessionLost() || Date.now() - lastProbe < sessionProbeMs) return;
  lastProbe = Date.now();
  checkSession();
}

/**
 * The session is over (`sessionEnded` in lib/api.ts: a request answered 401, or a live connection
 * closed or refused for it): live connections stop, and forgetting the user sends the page to the
 * login page (RequireLogin), which comes back to it after logging in again. Edits not yet sent stay
 * in this browser until then; the other plan copies go, as at logout: a session that ended because
 * nobody used the computer must not leave the plan behind on it. A page opened after the session
 * ended (its tab closed earlier) hears it here too, from its own `/api/me`.
 */
whenSessionEnds(() => {
  setSessionLost(true);
  if (me()) mutate(null);
  void forgetLocalCopies().catch(() => {});
});

/** Logs out and forgets the user. */
export async function logout(): Promise<void> {
  await api.post("/auth/logout");
  mutate(null);
}
