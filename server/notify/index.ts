/** Notifications: the interface and the log-only default. */
export { logNotifier, type Notification, type Notifier, notifierOf } from "./notifier";
