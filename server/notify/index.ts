/** Notifications: the interface, the log-only default, and the due reminders. */
export { type MailContent, type MailNotifier, type MailSettings, mailNotifier, messageFor } from "./mail";
export { logNotifier, type Notification, type Notifier, notifierOf, notifyNewOwner } from "./notifier";
export { endingRestrainingOrders, reminderWindowDays, sendDueReminders } from "./reminders";
export { attachReminders, runDueRemindersOnce } from "./schedule";
