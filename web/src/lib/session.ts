/** The logged-in user, shared by every page. */
import { createResource, createRoot } from "solid-js";
import { ApiError, api } from "./api";

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
export const refreshMe = refetch;

/** Logs out and forgets the user. */
export async function logout(): Promise<void> {
  await api.post("/auth/logout");
  mutate(null);
}
