/** The agenda: which item is being discussed, and the chair's buttons to move everyone there. */
import { createEffect, createSignal, createUniqueId, Index, on, Show } from "solid-js";
import { t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { currentAgendaIndex } from "./current-item";
import { agendaItemTitle } from "./sections";
import { type ConferenceSession, refusalText } from "./session";
import type { ConferenceState } from "./types";

/** The agenda list; the chair marks the item in discussion (any item) while the conference runs. */
export function Agenda(props: {
  session: ConferenceSession;
  state: ConferenceState;
  isChair: boolean;
  /** The chair moved to an item about a plan section: show that section to the chair. */
  onFocused: (sectionKey: string) => void;
  onError: (text: string | undefined) => void;
}) {
  const id = createUniqueId();
  let heading: HTMLHeadingElement | undefined;
  let list: HTMLOListElement | undefined;
  const running = () => props.state.conference.status === "in_progress";
  const current = () => currentAgendaIndex(props.state.conference);
  const canFocus = () => props.isChair && running();
  // An item about a plan section is told by the panel (the section focus moves with it); an item
  // without one ("Openstaande actiepunten") is told here.
  const [said, setSaid] = createSignal("");
  createEffect(
    on(
      current,
      (index) => {
        const item = index === null ? undefined : props.state.conference.agenda[index];
        setSaid(
          item && !item.sectionKey
            ? t(props.isChair ? "conf.focusNow" : "conf.focusChanged", { section: item.title })
            : "",
        );
      },
      { defer: true },
    ),
  );

  /**
   * Where the chair goes on from after marking item `index`: the next item's button; after the last
   * item, forward to where the chair works next, the proposal for a decision below, else the agenda
   * heading. Never back to an earlier item's button, where one more Enter would move the room back.
   */
  const nextControl = (index: number): HTMLElement | undefined => {
    const items = [...(list?.querySelectorAll<HTMLElement>(":scope > li") ?? [])];
    for (const item of items.slice(index + 1)) {
      const button = item.querySelector<HTMLElement>("button");
      if (button) return button;
    }
    return heading?.closest(".ep-conf")?.querySelector<HTMLElement>("[data-decision-proposal]") ?? heading;
  };

  // The item the chair just marked, until the new state shows it current: its button goes then,
  // and the keyboard with it, whenever that state comes (before the answer or seconds after it).
  const [marking, setMarking] = createSignal<number>();
  createEffect(
    on(current, (index) => {
      const marked = marking();
      if (marked === undefined || index !== marked) return;
      setMarking(undefined);
      refocusIfLost(() => nextControl(marked));
    }),
  );

  const focus = async (index: number) => {
    const sectionKey = props.state.conference.agenda[index]?.sectionKey;
    setMarking(index);
    const ack = await props.session.send("agenda:current", {
      conferenceId: props.state.conference.id,
      index,
    });
    props.onError(ack.ok ? undefined : refusalText(ack.error));
    if (!ack.ok) setMarking(undefined);
    if (ack.ok && sectionKey) props.onFocused(sectionKey);
  };

  return (
    <section class="ep-conf-section" aria-labelledby={`${id}-agenda`}>
      <h3 id={`${id}-agenda`} ref={heading} class="ep-conf-heading" tabindex="-1">
        {t("conf.agenda")}
      </h3>
      <div class="visually-hidden" role="status" aria-live="polite">
        {said()}
      </div>
      <Show
        when={props.state.conference.agenda.length > 0}
        fallback={<p class="ep-muted ep-conf-small">{t("conf.agendaEmpty")}</p>}
      >
        {/* By position: every broadcast brings new item objects, the buttons must stay put. */}
        <ol class="ep-conf-agenda" ref={list}>
          <Index each={props.state.conference.agenda}>
            {(item, index) => {
              const isCurrent = () => current() === index;
              return (
                <li
                  class={
                    isCurrent()
                      ? "ep-conf-agenda__item ep-conf-agenda__item--current"
                      : "ep-conf-agenda__item"
                  }
                  aria-current={isCurrent() ? "step" : undefined}
                >
                  <span>
                    {/* A plan section in the language of the page, whatever language it was planned in. */}
                    {agendaItemTitle(item())}
                    <Show when={isCurrent()}>
                      {" "}
                      <span class="ep-badge">{t("conf.nowDiscussing")}</span>
                    </Show>
                  </span>
                  <Show when={canFocus() && !isCurrent()}>
                    <button
                      type="button"
                      class="utrecht-button utrecht-button--subtle ep-conf-focus-button"
                      aria-label={`${t("conf.focus")}: ${agendaItemTitle(item())}`}
                      onClick={() => void focus(index)}
                    >
                      {t("conf.focus")}
                    </button>
                  </Show>
                </li>
              );
            }}
          </Index>
        </ol>
      </Show>
    </section>
  );
}
