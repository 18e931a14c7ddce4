/** Who is present (with organisation and role) and the queue of raised hands, in order. */
import { createSignal, createUniqueId, For, type JSX, onCleanup, type ParentProps, Show } from "solid-js";
import { amsterdamDate } from "../../../../shared/dates";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { keysOf } from "../../lib/keyed";
import { type ConferenceSession, refusalText } from "./session";
import type { AttendanceView, ConferenceState } from "./types";

/** Attendance and the speakers' queue, with the hand button for participants. */
export function People(props: {
  session: ConferenceSession;
  state: ConferenceState;
  myId: string;
  canRaise: boolean;
  /** The chair gives the floor: lowers someone's hand once they have spoken. */
  isChair: boolean;
  onError: (text: string | undefined) => void;
}) {
  const id = createUniqueId();
  let queue: HTMLElement | undefined;
  let emptyQueue: HTMLElement | undefined;
  let queueHeading: HTMLElement | undefined;
  const isPresent = (a: AttendanceView) => a.present === "present" || a.online;
  const present = () => props.state.attendance.filter(isPresent);
  // Before the start, those with the case open are here already, not yet recorded as present.
  const planned = () => props.state.conference.status === "scheduled";
  // Only on the day it is planned (Amsterdam) do they wait for it: on another day they merely have
  // the case open, and "Al aanwezig" would read as attendance. Looked at again each minute, so a
  // page left open overnight turns with the day.
  const [today, setToday] = createSignal(amsterdamDate(new Date()));
  const tick = setInterval(() => setToday(amsterdamDate(new Date())), 60_000);
  onCleanup(() => clearInterval(tick));
  const plannedToday = () => amsterdamDate(new Date(props.state.conference.scheduledAt)) === today();
  const attendanceHeading = () =>
    !planned() ? "conf.attendance" : plannedToday() ? "conf.attendanceBefore" : "conf.attendanceInCase";
  // Members not in the room, people no longer on the case left out: first those nobody has marked
  // yet (whom the chair asks about at the start), then those known to be away (absent, excused).
  const notHere = (a: AttendanceView) => !isPresent(a) && a.role !== "former";
  const unknown = () => props.state.attendance.filter((a) => notHere(a) && a.present === null);
  const away = () => props.state.attendance.filter((a) => notHere(a) && a.present !== null);
  // Every broadcast brings new objects: iterate over user ids so rows (and a focused control) stay.
  const handIds = keysOf(
    () => props.state.hands,
    (h) => h.userId,
  );
  const presentIds = keysOf(present, (a) => a.userId);
  const unknownIds = keysOf(unknown, (a) => a.userId);
  const awayIds = keysOf(away, (a) => a.userId);
  const hand = (userId: string) => props.state.hands.find((h) => h.userId === userId);
  // A row can outlive its member for a moment while a broadcast removes it.
  const person = (userId: string): AttendanceView =>
    props.state.attendance.find((a) => a.userId === userId) ?? {
      userId,
      name: "",
      role: "former",
      organisation: null,
      present: null,
      joinedAt: null,
      leftAt: null,
      online: false,
    };
  // The chair records presence for those not connected (someone on the phone, someone who sent apologies).
  const canMark = (a: AttendanceView) =>
    props.isChair && props.state.conference.status !== "ended" && !a.online && a.role !== "former";
  const mark = async (userId: string, value: string) => {
    const ack = await props.session.send("attendance:set", {
      conferenceId: props.state.conference.id,
      userId,
      present: value,
    });
    props.onError(ack.ok ? undefined : refusalText(ack.error));
    // The row moves to another list (Aanwezig, Niet aanwezig) and is built anew there: the keyboard
    // follows it to that person's choice instead of falling out of the page.
    refocusIfLost(() => document.querySelector<HTMLElement>(`select[data-presence-of="${userId}"]`));
  };
  const myHand = () => props.state.hands.findIndex((h) => h.userId === props.myId);
  const toggle = async () => {
    const raised = myHand() >= 0;
    const ack = await props.session.send(raised ? "hand:lower" : "hand:raise", {
      conferenceId: props.state.conference.id,
    });
    if (ack.ok) props.onError(undefined);
    else props.onError(refusalText(ack.error));
  };
  const doneButtons = () =>
    [...(queue?.querySelectorAll<HTMLElement>("button[data-hand-done]") ?? [])].filter((b) => b.isConnected);
  const lowerFor = async (userId: string, button: HTMLElement) => {
    const index = doneButtons().indexOf(button);
    const ack = await props.session.send("hand:lower", { conferenceId: props.state.conference.id, userId });
    props.onError(ack.ok ? undefined : refusalText(ack.error));
    // The row is gone: go on to the next speaker's button, else say the queue is empty.
    refocusIfLost(() => {
      const left = doneButtons();
      return left[Math.min(index, left.length - 1)] ?? (emptyQueue?.isConnected ? emptyQueue : queueHeading);
    });
  };
  /** Members not in the room, under a heading with their count, when there are any; `note` follows a name. */
  const Group = (p: {
    key: string;
    heading: string;
    ids: () => string[];
    note?: (userId: string) => JSX.Element;
  }) => (
    <Show when={p.ids().length > 0}>
      <section class="ep-conf-section" aria-labelledby={`${id}-${p.key}`}>
        <h3 id={`${id}-${p.key}`} class="ep-conf-heading">
          {p.heading} <span class="ep-conf-count">({p.ids().length})</span>
        </h3>
        <ul class="ep-conf-list ep-conf-people">
          <For each={p.ids()}>
            {(userId) => (
              <PersonRow
                person={person(userId)}
                canMark={canMark(person(userId))}
                onMark={(v) => void mark(userId, v)}
              >
                {p.note?.(userId)}
              </PersonRow>
            )}
          </For>
        </ul>
      </section>
    </Show>
  );
  return (
    <>
      <section class="ep-conf-section" aria-labelledby={`${id}-hands`}>
        <h3 id={`${id}-hands`} class="ep-conf-heading" tabindex="-1" ref={(el) => (queueHeading = el)}>
          {t("conf.hands")}
        </h3>
        <Show
          when={props.state.hands.length > 0}
          fallback={
            <p class="ep-muted ep-conf-small" tabindex="-1" ref={(el) => (emptyQueue = el)}>
              {t("conf.handsEmpty")}
            </p>
          }
        >
          <ol class="ep-conf-queue" ref={(el) => (queue = el)}>
            <For each={handIds()}>
              {(userId, i) => (
                <li>
                  <span class="ep-conf-queue__n" aria-hidden="true">
                    {i() + 1}
                  </span>
                  <span>
                    {hand(userId)?.name}
                    <Show when={userId === props.myId}> {t("conf.you")}</Show>
                  </span>
                  <Show when={props.isChair && userId !== props.myId}>
                    <button
                      type="button"
                      data-hand-done
                      class="utrecht-button utrecht-button--subtle ep-conf-focus-button"
                      aria-label={`${t("conf.handDone")}: ${hand(userId)?.name ?? ""}`}
                      onClick={(e) => void lowerFor(userId, e.currentTarget)}
                    >
                      {t("conf.handDone")}
                    </button>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
        <Show when={props.canRaise && props.state.conference.status === "in_progress"}>
          <button
            type="button"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={() => void toggle()}
          >
            {myHand() >= 0 ? t("conf.lowerHand") : t("conf.raiseHand")}
          </button>
        </Show>
      </section>
      <section class="ep-conf-section" aria-labelledby={`${id}-att`}>
        <h3 id={`${id}-att`} class="ep-conf-heading">
          {t(attendanceHeading())} <span class="ep-conf-count">({present().length})</span>
        </h3>
        <Show when={planned()}>
          <p class="ep-muted ep-conf-small">
            {t(plannedToday() ? "conf.attendanceBeforeNote" : "conf.attendanceInCaseNote")}
          </p>
        </Show>
        <Show
          when={present().length > 0}
          fallback={
            <p class="ep-muted ep-conf-small">
              {t(planned() && !plannedToday() ? "conf.inCaseEmpty" : "conf.attendanceEmpty")}
            </p>
          }
        >
          <ul class="ep-conf-list ep-conf-people">
            <For each={presentIds()}>
              {(userId) => (
                <PersonRow
                  person={person(userId)}
                  canMark={canMark(person(userId))}
                  onMark={(v) => void mark(userId, v)}
                >
                  <Show when={userId === props.myId}> {t("conf.you")}</Show>
                  <Show when={!person(userId).online && props.state.conference.status !== "ended"}>
                    {" "}
                    <span class="ep-conf-small ep-muted">({t("conf.offlinePerson")})</span>
                  </Show>
                </PersonRow>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Group key="unknown" heading={t("conf.unknown")} ids={unknownIds} />
      <Group
        key="away"
        heading={t("conf.away")}
        ids={awayIds}
        note={(userId) => (
          <>
            {" "}
            <span class="ep-conf-small ep-muted">
              ({t(`conf.presence.${person(userId).present ?? "unknown"}`)})
            </span>
          </>
        )}
      />
    </>
  );
}

/** One member: name (with what `children` adds), organisation and case role, and the chair's choice. */
function PersonRow(
  props: ParentProps<{ person: AttendanceView; canMark: boolean; onMark: (value: string) => void }>,
) {
  return (
    <li>
      <span class="ep-conf-people__name">
        {props.person.name}
        {props.children}
      </span>
      <span class="ep-conf-small ep-muted">
        {props.person.organisation?.name ?? t("conf.noOrganisation")}
        <Show when={props.person.role}>{(r) => <> · {t(`role.${r()}`)}</>}</Show>
      </span>
      <Show when={props.canMark}>
        <PresenceSelect person={props.person} onChange={props.onMark} />
      </Show>
    </li>
  );
}

/**
 * The chair's choice of presence for one member who is not connected. Browsing it with the arrow
 * keys records nothing until Enter or leaving it (see ChoiceSelect): otherwise each step would be
 * recorded and move the row to another list under the chair's keyboard.
 */
function PresenceSelect(props: { person: AttendanceView; onChange: (value: string) => void }) {
  const id = createUniqueId();
  return (
    <div class="ep-field ep-conf-presence">
      <label class="ep-conf-small" for={id}>
        {t("conf.presenceLabel")}
        <span class="visually-hidden"> {t("conf.presenceOf", { name: props.person.name })}</span>
      </label>
      <ChoiceSelect
        id={id}
        class="utrecht-select"
        data-presence-of={props.person.userId}
        value={props.person.present ?? ""}
        onChoose={props.onChange}
      >
        <Show when={!props.person.present}>
          <option value="" disabled selected>
            {t("conf.presence.unknown")}
          </option>
        </Show>
        <For each={["present", "absent", "excused"]}>
          {(v) => (
            <option value={v} selected={props.person.present === v}>
              {t(`conf.presence.${v}`)}
            </option>
          )}
        </For>
      </ChoiceSelect>
    </div>
  );
}
