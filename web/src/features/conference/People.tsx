/** Who is present (with organisation and role) and the queue of raised hands, in order. */
import { createUniqueId, For, type ParentProps, Show } from "solid-js";
import { t } from "../../i18n";
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
  const isPresent = (a: AttendanceView) => a.present === "present" || a.online;
  const present = () => props.state.attendance.filter(isPresent);
  // Members not (yet) in the room: excused, absent, or not yet known; people no longer on the case are left out.
  const away = () => props.state.attendance.filter((a) => !isPresent(a) && a.role !== "former");
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
  const lowerFor = async (userId: string) => {
    const ack = await props.session.send("hand:lower", { conferenceId: props.state.conference.id, userId });
    props.onError(ack.ok ? undefined : refusalText(ack.error));
  };
  return (
    <>
      <section class="ep-conf-section" aria-labelledby={`${id}-hands`}>
        <h3 id={`${id}-hands`} class="ep-conf-heading">
          {t("conf.hands")}
        </h3>
        <Show
          when={props.state.hands.length > 0}
          fallback={<p class="ep-muted ep-conf-small">{t("conf.handsEmpty")}</p>}
        >
          <ol class="ep-conf-queue">
            <For each={props.state.hands}>
              {(h, i) => (
                <li>
                  <span class="ep-conf-queue__n" aria-hidden="true">
                    {i() + 1}
                  </span>
                  <span>
                    {h.name}
                    <Show when={h.userId === props.myId}> {t("conf.you")}</Show>
                  </span>
                  <Show when={props.isChair && h.userId !== props.myId}>
                    <button
                      type="button"
                      class="utrecht-button utrecht-button--subtle ep-conf-focus-button"
                      aria-label={`${t("conf.handDone")}: ${h.name}`}
                      onClick={() => void lowerFor(h.userId)}
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
          {t("conf.attendance")} <span class="ep-conf-count">({present().length})</span>
        </h3>
        <Show
          when={present().length > 0}
          fallback={<p class="ep-muted ep-conf-small">{t("conf.attendanceEmpty")}</p>}
        >
          <ul class="ep-conf-list ep-conf-people">
            <For each={present()}>
              {(p) => (
                <PersonRow person={p} canMark={canMark(p)} onMark={(v) => void mark(p.userId, v)}>
                  <Show when={p.userId === props.myId}> {t("conf.you")}</Show>
                  <Show when={!p.online}>
                    {" "}
                    <span class="ep-conf-small ep-muted">({t("conf.offlinePerson")})</span>
                  </Show>
                </PersonRow>
              )}
            </For>
          </ul>
        </Show>
      </section>
      <Show when={away().length > 0}>
        <section class="ep-conf-section" aria-labelledby={`${id}-away`}>
          <h3 id={`${id}-away`} class="ep-conf-heading">
            {t("conf.away")} <span class="ep-conf-count">({away().length})</span>
          </h3>
          <ul class="ep-conf-list ep-conf-people">
            <For each={away()}>
              {(p) => (
                <PersonRow person={p} canMark={canMark(p)} onMark={(v) => void mark(p.userId, v)}>
                  {" "}
                  <span class="ep-conf-small ep-muted">({t(`conf.presence.${p.present ?? "unknown"}`)})</span>
                </PersonRow>
              )}
            </For>
          </ul>
        </section>
      </Show>
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

/** The chair's choice of presence for one member who is not connected. */
function PresenceSelect(props: { person: AttendanceView; onChange: (value: string) => void }) {
  const id = createUniqueId();
  return (
    <div class="ep-field ep-conf-presence">
      <label class="ep-conf-small" for={id}>
        {t("conf.presenceLabel")}
        <span class="visually-hidden"> {t("conf.presenceOf", { name: props.person.name })}</span>
      </label>
      <select
        id={id}
        class="utrecht-select"
        value={props.person.present ?? ""}
        onChange={(e) => props.onChange(e.currentTarget.value)}
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
      </select>
    </div>
  );
}
