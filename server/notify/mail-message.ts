/**
 * What a notification mail says: one short message per recipient, in Dutch with English below, with
 * a link into the app and nothing about the case (no household, reference, action title or plan
 * text); only what kind of thing waits and where. Sent by the notifier in mail.ts.
 */
import { longDate } from "../../shared/dates";
import type { Notification } from "./notifier";

/** One message, in both languages. */
export interface Message {
  subject: string;
  text: string;
}

const footer =
  "Dit bericht bevat bewust geen gegevens over de casus; die staan alleen in Eén Plan.\n" +
  "This message deliberately holds no case details; they are in Eén Plan only.";

/**
 * What a mail says, as the outbox, the actions and the case hold it when it goes out (outbox.ts,
 * `outgoingMail`): what the message counts or links to, and nothing else.
 */
export type MailContent =
  | { kind: "actions_due"; actionIds: string[] }
  /** Several actions given to one person, gathered into one mail. */
  | { kind: "actions_assigned"; actionIds: string[] }
  | { kind: "escalation_raised"; actionId: string | null }
  | { kind: "escalation_resolved" }
  | { kind: "restraining_order_ending"; caseId: string; until: string; extendable: boolean };

/** The message a notification becomes; `origin` is the app's public address. */
export function messageFor(n: Notification | MailContent, origin: string): Message {
  const compose = (subject: string, nl: string, en: string, path: string) => ({
    subject,
    text: `${nl}\n${origin}${path}\n\n${en}\n\n${footer}\n`,
  });
  switch (n.kind) {
    case "actions_due": {
      const count = n.actionIds.length;
      return compose(
        "Eén Plan: actiepunten die aflopen",
        count === 1
          ? "In Eén Plan staat een actiepunt van u dat binnen drie dagen afloopt of te laat is. Bekijk het:"
          : `In Eén Plan staan ${count} actiepunten van u die binnen drie dagen aflopen of te laat zijn. Bekijk ze:`,
        count === 1
          ? "One of your action items in Eén Plan is due within three days or late."
          : `${count} of your action items in Eén Plan are due within three days or late.`,
        "/acties",
      );
    }
    case "action_assigned":
      return messageFor({ kind: "actions_assigned", actionIds: [n.actionId] }, origin);
    case "actions_assigned":
      return n.actionIds.length === 1
        ? compose(
            "Eén Plan: een actiepunt is aan u toegewezen",
            "In Eén Plan is een actiepunt aan u toegewezen. Bekijk het:",
            "An action item in Eén Plan was assigned to you.",
            `/acties/${n.actionIds[0]}`,
          )
        : compose(
            "Eén Plan: actiepunten zijn aan u toegewezen",
            `In Eén Plan zijn ${n.actionIds.length} actiepunten aan u toegewezen. Bekijk ze:`,
            `${n.actionIds.length} action items in Eén Plan were assigned to you.`,
            "/acties",
          );
    case "escalation_raised":
      return compose(
        "Eén Plan: een escalatie vraagt uw aandacht",
        n.actionId
          ? "Een actiepunt van u is in Eén Plan opgeschaald. Bekijk het:"
          : "Een casus waarbij u betrokken bent is in Eén Plan opgeschaald. Bekijk de escalaties:",
        n.actionId
          ? "One of your action items was escalated in Eén Plan."
          : "A case you are involved in was escalated in Eén Plan.",
        n.actionId ? `/acties/${n.actionId}` : "/escalaties",
      );
    case "escalation_resolved":
      return compose(
        "Eén Plan: een escalatie is afgehandeld",
        "Een escalatie waarbij u betrokken bent is in Eén Plan afgehandeld. Bekijk de uitkomst:",
        "An escalation you are involved in was resolved in Eén Plan.",
        "/escalaties",
      );
    case "restraining_order_ending": {
      const until = { nl: longDate(n.until), en: longDate(n.until, "en-GB") };
      return compose(
        "Eén Plan: een huisverbod eindigt binnenkort",
        `Het huisverbod in een casus waarvan u voorzitter of casusregisseur bent, eindigt na ${until.nl}. ${
          n.extendable ? "De burgemeester kan het nog verlengen." : "Verlengen kan niet meer."
        } Plan het overleg daarvóór. Bekijk de casus:`,
        `The restraining order in a case you chair or direct ends after ${until.en}. ${
          n.extendable ? "The mayor can still extend it." : "It can no longer be extended."
        } Plan the conference before then.`,
        `/casussen/${n.caseId}/fase`,
      );
    }
  }
}
