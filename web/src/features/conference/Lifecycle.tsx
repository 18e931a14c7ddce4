/**
 * The chair's start and end buttons, with a confirmation (focused, Escape cancels) before ending, and
 * before starting a conference planned for another day.
 */
import { createSignal, Show } from "solid-js";
import { amsterdamDate } from "../../../../shared/dates";
import { Confirm } from "../../components/Confirm";
import { locale, t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { type ConferenceSession, refusalText } from "./session";
import type { ConferenceState } from "./types";

/**
 * The question before starting a conference planned for another day than today (Amsterdam): starting
 * uses up the planned one, so a press meant for a later conference must not start it unasked. It
 * names the planned day; the year only when it is not this year's.
 */
function startQuestion(scheduledAt: string, now: Date): string | undefined {
  const planned = new Date(scheduledAt);
  const day = amsterdamDate(planned);
  const today = amsterdamDate(now);
  if (day === today) return undefined;
  const language = locale() === "nl" ? "nl-NL" : "en-GB";
  const words = new Intl.DateTimeFormat(language, {
    timeZone: "Europe/Amsterdam",
    weekday: "long",
    day: "numeric",
    month: "long",
    ...(day.slice(0, 4) !== today.slice(0, 4) ? { year: "numeric" as const } : {}),
  }).format(planned);
  const time = new Intl.DateTimeFormat(language, {
    timeZone: "Europe/Amsterdam",
    hour: "2-digit",
    minute: "2-digit",
  }).format(planned);
  return t(day > today ? "conf.startEarlyConfirm" : "conf.startLateConfirm", { day: words, time });
}

/** Start (scheduled) or end (running) for the chair; `statusLine` gets the focus after either. */
export function Lifecycle(props: {
  session: ConferenceSession;
  state: ConferenceState;
  statusLine: () => HTMLElement | undefined;
  onError: (text: string | undefined) => void;
  onChanged: () => void;
}) {
  const [confirmEnd, setConfirmEnd] = createSignal(false);
  /** The question asked before an early (or late) start, while it is asked. */
  const [confirmStart, setConfirmStart] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let startButton: HTMLButtonElement | undefined;
  let endButton: HTMLButtonElement | undefined;
  let confirmBox: HTMLElement | undefined;
  const status = () => props.state.conference.status;

  // Late actions under review without a reason (or a closing status) keep the conference from ending.
  const unexplained = () => props.state.openActions.filter((a) => a.overdue && !a.lateReason);
  const toReview = () => {
    const first = unexplained()[0];
    const item = first && document.querySelector<HTMLElement>(`[data-review-action="${first.id}"]`);
    item?.querySelector<HTMLElement>("[data-late-reason]")?.focus();
    item?.scrollIntoView({ block: "center" });
  };

  // Proposals neither adopted nor withdrawn keep it from ending too: they could not be adopted later.
  const openProposals = () => props.state.decisions.filter((d) => d.status === "proposed");
  // The card itself (focusable, tabindex -1), not its "Besluit vaststellen": the chair reads the
  // proposal and its positions first, and one more Enter must not adopt it unread.
  const toProposals = () => {
    const first = openProposals()[0];
    const card = first && document.querySelector<HTMLElement>(`[data-decision-id="${first.id}"]`);
    card?.focus();
    card?.scrollIntoView({ block: "center" });
  };
  const blocked = () => unexplained().length > 0 || openProposals().length > 0;
  /** Closes the refusal and takes the keyboard to what keeps the conference from ending. */
  const GoButton = (p: { label: string; go: () => void }) => (
    <button
      type="button"
      class="utrecht-button utrecht-button--secondary-action"
      onClick={() => {
        setConfirmEnd(false);
        p.go();
      }}
    >
      {p.label}
    </button>
  );

  const lifecycle = async (event: "conference:start" | "conference:end") => {
    if (busy()) return;
    setBusy(true);
    const ack = await props.session.send(event, { conferenceId: props.state.conference.id });
    setBusy(false);
    setConfirmEnd(false);
    setConfirmStart(undefined);
    props.onError(ack.ok ? undefined : refusalText(ack.error));
    if (ack.ok) props.onChanged();
    // The button used is gone: land on the new status, or back on the button when it was refused.
    const again = event === "conference:start" ? startButton : endButton;
    refocusIfLost(() => (ack.ok ? props.statusLine() : (again ?? props.statusLine())));
  };
  // On the planned day it starts at once; on another day the chair is asked first (the question
  // takes the keyboard; "Annuleren" or Escape keep it planned and give the keyboard back).
  const askStart = () => {
    if (busy()) return;
    const question = startQuestion(props.state.conference.scheduledAt, new Date());
    if (question) setConfirmStart(question);
    else void lifecycle("conference:start");
  };
  const cancelStart = () => {
    setConfirmStart(undefined);
    startButton?.focus();
  };
  const askEnd = () => {
    setConfirmEnd(true);
    confirmBox?.focus();
  };
  const cancelEnd = () => {
    setConfirmEnd(false);
    endButton?.focus();
  };
  const onEscape = (e: KeyboardEvent) => {
    if (e.key !== "Escape") return;
    e.preventDefault();
    cancelEnd();
  };

  return (
    <>
      <div class="ep-conf-buttons">
        <Show when={status() === "scheduled" && !confirmStart()}>
          <button
            type="button"
            ref={startButton}
            class="utrecht-button utrecht-button--primary-action"
            aria-disabled={busy() ? "true" : undefined}
            onClick={askStart}
          >
            {t("conf.start")}
          </button>
        </Show>
        <Show when={status() === "in_progress" && !confirmEnd()}>
          <button
            type="button"
            ref={endButton}
            class="utrecht-button utrecht-button--secondary-action"
            onClick={askEnd}
          >
            {t("conf.end")}
          </button>
        </Show>
      </div>
      <Show when={status() === "scheduled" && confirmStart()} keyed>
        {(question) => (
          <Confirm
            question={question}
            yes={t("conf.startYes")}
            no={t("conf.cancel")}
            busy={busy()}
            onAnswer={(yes) => (yes ? void lifecycle("conference:start") : cancelStart())}
          />
        )}
      </Show>
      <Show when={confirmEnd() && blocked()}>
        <div
          class="ep-conf-confirm"
          role="alert"
          tabindex="-1"
          ref={(el) => (confirmBox = el)}
          onKeyDown={onEscape}
        >
          <Show when={unexplained().length > 0}>
            <p>
              {t("conf.endBlocked", {
                titles: unexplained()
                  .map((a) => a.title)
                  .join("; "),
              })}
            </p>
          </Show>
          <Show when={openProposals().length > 0}>
            <p>
              {openProposals().length === 1
                ? t("conf.endBlockedProposal")
                : t("conf.endBlockedProposals", { count: String(openProposals().length) })}
            </p>
          </Show>
          <div class="ep-conf-buttons">
            <Show when={unexplained().length > 0}>
              <GoButton label={t("conf.toReview")} go={toReview} />
            </Show>
            <Show when={openProposals().length > 0}>
              <GoButton label={t("conf.toProposals")} go={toProposals} />
            </Show>
            <button type="button" class="utrecht-button utrecht-button--subtle" onClick={cancelEnd}>
              {t("conf.cancel")}
            </button>
          </div>
        </div>
      </Show>
      <Show when={confirmEnd() && !blocked()}>
        <Confirm
          question={t("conf.endConfirm")}
          yes={t("conf.endYes")}
          no={t("conf.cancel")}
          busy={busy()}
          onAnswer={(yes) => (yes ? void lifecycle("conference:end") : cancelEnd())}
        />
      </Show>
    </>
  );
}
