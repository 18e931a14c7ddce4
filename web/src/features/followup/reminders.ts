/** The reminders of the logged-in user, shared by the nav badge and the my-actions page. */
import { createResource, createRoot } from "solid-js";
import { api } from "../../lib/api";
import { me } from "../../lib/session";
import type { Reminders } from "./types";

// Lives as long as the app, in a root of its own: created at module load, there is no owner to adopt it.
const [reminders, { refetch }] = createRoot(() =>
  createResource(
    // Not for someone still on a start password: nothing but the password page is open to them.
    () => (me.error || me()?.mustChangePassword ? undefined : me()?.id),
    () => api.get<Reminders>("/reminders"),
  ),
);

/** My reminders (undefined while loading or logged out). */
export { reminders };

/** The badge count: my actions due within three days or late, and huisverboden ending soon. */
export const reminderCount = (): number => {
  const r = me() && !reminders.error ? reminders.latest : undefined;
  return r ? r.count + r.restrainingOrders.length : 0;
};

/** Reloads after a change. */
export const refreshReminders = () => void refetch();
