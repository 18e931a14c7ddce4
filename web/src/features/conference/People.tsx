/** Who is present (with organisation and role) and the queue of raised hands, in order. */
import { createUniqueId, For, Show } from "solid-js";
import { t } from "../../i18n";
import { type ConferenceSession, refusalText } from "./session";
import type { ConferenceState } from "./types";

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
  const present = () => props.state.attendance.filter((a) => a.present === "present" || a.online);
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
                <li>
                  <span class="ep-conf-people__name">
                    {p.name}
                    <Show when={p.userId === props.myId}> {t("conf.you")}</Show>
                    <Show when={!p.online}>
                      {" "}
                      <span class="ep-conf-small ep-muted">({t("conf.offlinePerson")})</span>
                    </Show>
                  </span>
                  <span class="ep-conf-small ep-muted">
                    {p.organisation?.name ?? t("conf.noOrganisation")}
                    <Show when={p.role}>{(r) => <> · {t(`role.${r()}`)}</>}</Show>
                  </span>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </>
  );
}
