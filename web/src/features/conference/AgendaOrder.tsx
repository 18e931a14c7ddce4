/** "Volgorde van de agenda": the items being planned, in the order they will stand, to move. */
import { createSignal, For, Show } from "solid-js";
import { t } from "../../i18n";

/** The list; `order` holds item ids (see `agenda-order.ts`), `title` names one. */
export function AgendaOrder(props: {
  id: string;
  order: string[];
  title: (itemId: string) => string;
  onMove: (itemId: string, by: -1 | 1) => void;
}) {
  const [said, setSaid] = createSignal("");
  let list: HTMLOListElement | undefined;

  const move = (itemId: string, by: -1 | 1) => {
    const title = props.title(itemId);
    const from = props.order.indexOf(itemId);
    const to = from + by;
    if (to < 0 || to >= props.order.length) {
      setSaid(t(by < 0 ? "conf.agendaAtTop" : "conf.agendaAtBottom", { title }));
      return;
    }
    props.onMove(itemId, by);
    setSaid(t("conf.agendaMoved", { title, n: to + 1, total: props.order.length }));
    // Moving an item can take its button out of the page for a moment: the keyboard stays on it.
    list
      ?.querySelector<HTMLElement>(`li[data-item="${CSS.escape(itemId)}"] button[data-move="${by}"]`)
      ?.focus();
  };

  const button = (itemId: string, index: () => number, by: -1 | 1) => {
    const label = () => t(by < 0 ? "conf.moveUp" : "conf.moveDown");
    const atEnd = () => (by < 0 ? index() === 0 : index() === props.order.length - 1);
    return (
      <button
        type="button"
        class="utrecht-button utrecht-button--subtle ep-conf-focus-button"
        data-move={by}
        aria-label={`${label()}: ${props.title(itemId)}`}
        // Still focusable at the end, so the keyboard does not drop out when an item reaches it.
        aria-disabled={atEnd() ? "true" : undefined}
        onClick={() => move(itemId, by)}
      >
        {label()}
      </button>
    );
  };

  return (
    <Show when={props.order.length > 0}>
      <div class="ep-field">
        <span id={`${props.id}-order`} class="utrecht-form-label">
          {t("conf.agendaOrder")}
        </span>
        <p id={`${props.id}-order-hint`} class="ep-field__hint">
          {t(props.order.length > 1 ? "conf.agendaOrderHint" : "conf.agendaOrderOne")}
        </p>
        <ol
          class="ep-conf-agenda"
          ref={list}
          aria-labelledby={`${props.id}-order`}
          aria-describedby={`${props.id}-order-hint`}
        >
          {/* Keyed by id: the items keep their buttons (and the keyboard) when they move. */}
          <For each={props.order}>
            {(itemId, index) => (
              <li class="ep-conf-agenda__item" data-item={itemId}>
                <span>{props.title(itemId)}</span>
                <Show when={props.order.length > 1}>
                  <div class="ep-conf-buttons">
                    {button(itemId, index, -1)}
                    {button(itemId, index, 1)}
                  </div>
                </Show>
              </li>
            )}
          </For>
        </ol>
        <div class="visually-hidden" role="status" aria-live="polite">
          {said()}
        </div>
      </div>
    </Show>
  );
}
