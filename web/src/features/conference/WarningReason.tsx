/** Intimate-terror warnings on decision or action text, with the chair's reason to go on. */
import { createSignal, createUniqueId, For, onMount, Show } from "solid-js";
import { locale, t } from "../../i18n";
import { createFieldProblems, ReasonField, reasonProblem } from "../../lib/form";
import type { TextWarning } from "./types";

/**
 * Shows the warnings; the chair can give a reason and resubmit. Others only see the warnings. It
 * appears above the button that was pressed: the keyboard goes to the reason (for the chair) or to
 * the warning itself, not left below on a button that would only bring the same warning again.
 */
export function WarningReason(props: {
  warnings: TextWarning[];
  canOverride: boolean;
  onSubmit: (reason: string) => void;
  busy?: boolean;
}) {
  const id = createUniqueId();
  const [reason, setReason] = createSignal("");
  const fields = createFieldProblems(id, ["reason"]);
  let box: HTMLDivElement | undefined;
  onMount(() => (box?.querySelector("textarea") ?? box)?.focus());
  return (
    <div class="ep-warning ep-conf-warning" role="alert" tabindex="-1" ref={box}>
      <p class="ep-conf-warning__title">
        <strong>{t("conf.warningsTitle")}</strong>
      </p>
      <ul>
        <For each={props.warnings}>
          {(w) => (
            <li>
              “{w.match}”: {locale() === "en" ? w.message.en : w.message.nl}
            </li>
          )}
        </For>
      </ul>
      <p class="ep-conf-small">{t("conf.warningsIntro")}</p>
      <Show when={props.canOverride}>
        <ReasonField
          class="ep-conf-textarea"
          id={`${id}-reason`}
          label={t("conf.warningReason")}
          error={fields.problem("reason")}
          value={reason()}
          onInput={(value) => {
            setReason(value);
            fields.changed("reason");
          }}
        />
        <button
          type="button"
          class="utrecht-button utrecht-button--secondary-action"
          aria-disabled={props.busy ? "true" : undefined}
          onClick={() => {
            if (props.busy) return;
            const r = reason().trim();
            // Too short for the server (three characters): said at the field, with the keyboard on it.
            if (fields.show({ reason: reasonProblem(r) })) return;
            props.onSubmit(r);
          }}
        >
          {t("conf.warningResubmit")}
        </button>
      </Show>
    </div>
  );
}
