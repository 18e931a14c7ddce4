/** Notifications: the interface, the log-only default, and the due reminders. */
export { type MailNotifier, type MailSettings, mailNotifier } from "./mail";
export { type MailContent, messageFor } from "./mail-message";
export { logNotifier, type Notification, type Notifier, notifierOf, notifyNewOwner } from "./notifier";
export { endingRestrainingOrders, reminderWindowDays, sendDueReminders } from "./reminders";
export { attachReminders, runDueRemindersOnce } from "./schedule";
