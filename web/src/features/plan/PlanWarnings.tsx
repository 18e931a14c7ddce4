/** Intimate-terror warnings beside the editor: what the text says that is contra-indicated, and why. */
import { createMemo, For, Show } from "solid-js";
import { findWarnings } from "../../../../shared/warnings";
import { locale, t } from "../../i18n";

/** Shows the warnings for the given text when the case is flagged intiem terreur (a polite live region). */
export function PlanWarnings(props: { text: string; active: boolean }) {
  const warnings = createMemo(() => {
    if (!props.active) return [];
    // One message per rule is enough; the phrase found is quoted so the reader sees what triggered it.
    const seen = new Set<string>();
    return findWarnings(props.text).filter((w) => !seen.has(w.ruleId) && seen.add(w.ruleId));
  });
  return (
    <div role="status" aria-live="polite" class="ep-plan-warnings">
      <Show when={warnings().length > 0}>
        <div class="ep-plan-warning">
          <h3 class="ep-plan-warning__title">{t("plan.warningsTitle")}</h3>
          <p>{t("plan.warningsIntro")}</p>
          <ul>
            <For each={warnings()}>
              {(w) => (
                <li data-rule={w.ruleId}>
                  <q>{w.match}</q> — {w.message[locale()]}
                </li>
              )}
            </For>
          </ul>
        </div>
      </Show>
    </div>
  );
}
