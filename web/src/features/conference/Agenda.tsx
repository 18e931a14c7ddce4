/** The agenda: which item is being discussed, and the chair's buttons to move everyone there. */
import { createUniqueId, Index, Show } from "solid-js";
import { t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { type ConferenceSession, refusalText } from "./session";
import type { ConferenceState } from "./types";

/** The agenda list; the chair moves the focus while the conference runs. */
export function Agenda(props: {
  session: ConferenceSession;
  state: ConferenceState;
  isChair: boolean;
  /** The chair's own focus went through: show that section to the chair. */
  onFocused: (sectionKey: string) => void;
  onError: (text: string | undefined) => void;
}) {
  const id = createUniqueId();
  let heading: HTMLHeadingElement | undefined;
  let list: HTMLOListElement | undefined;
  const running = () => props.state.conference.status === "in_progress";
  // Only a running conference has something "now in discussion"; an ended one keeps its last focus.
  const focusKey = () => (running() ? props.state.conference.focusSectionKey : null);
  const canFocus = () => props.isChair && running();

  /** The next item's button (or the one before, or the heading): where the chair goes on from. */
  const nextControl = (index: number): HTMLElement | undefined => {
    const items = [...(list?.querySelectorAll<HTMLElement>(":scope > li") ?? [])];
    const order = [...items.slice(index + 1), ...items.slice(0, index).reverse()];
    for (const item of order) {
      const button = item.querySelector<HTMLElement>("button");
      if (button) return button;
    }
    return heading;
  };

  const focus = async (sectionKey: string, index: number) => {
    const ack = await props.session.send("agenda:focus", {
      conferenceId: props.state.conference.id,
      sectionKey,
    });
    props.onError(ack.ok ? undefined : refusalText(ack.error));
    if (ack.ok) props.onFocused(sectionKey);
    // The button used disappears with its item becoming current.
    refocusIfLost(() => nextControl(index));
  };

  return (
    <section class="ep-conf-section" aria-labelledby={`${id}-agenda`}>
      <h3 id={`${id}-agenda`} ref={heading} class="ep-conf-heading" tabindex="-1">
        {t("conf.agenda")}
      </h3>
      <Show
        when={props.state.conference.agenda.length > 0}
        fallback={<p class="ep-muted ep-conf-small">{t("conf.agendaEmpty")}</p>}
      >
        {/* By position: every broadcast brings new item objects, the buttons must stay put. */}
        <ol class="ep-conf-agenda" ref={list}>
          <Index each={props.state.conference.agenda}>
            {(item, index) => {
              const current = () => !!item().sectionKey && item().sectionKey === focusKey();
              return (
                <li
                  class={
                    current() ? "ep-conf-agenda__item ep-conf-agenda__item--current" : "ep-conf-agenda__item"
                  }
                  aria-current={current() ? "step" : undefined}
                >
                  <span>
                    {item().title}
                    <Show when={current()}>
                      {" "}
                      <span class="ep-badge">{t("conf.nowDiscussing")}</span>
                    </Show>
                  </span>
                  <Show when={canFocus() && item().sectionKey && !current()}>
                    <button
                      type="button"
                      class="utrecht-button utrecht-button--subtle ep-conf-focus-button"
                      aria-label={`${t("conf.focus")}: ${item().title}`}
                      onClick={() => void focus(item().sectionKey ?? "", index)}
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
