/** The polite notice for someone who was writing when the chair moved to another section. */
import { Show } from "solid-js";
import { t } from "../../i18n";
import { sectionTitle } from "./sections";

/** Says which section the chair discusses now, with a button to go there; silent when none waits. */
export function FocusNotice(props: { section: string | undefined; onGo: (key: string) => void }) {
  return (
    // The live region stays in the page so screen readers announce the notice when it appears.
    <div role="status" aria-live="polite" class="ep-conf-follow">
      <Show when={props.section}>
        {(key) => (
          <div class="ep-conf-focus" data-testid="conference-follow-notice">
            <p>{t("conf.followNotice", { section: sectionTitle(key()) })}</p>
            <div class="ep-conf-buttons">
              <button
                type="button"
                class="utrecht-button utrecht-button--secondary-action"
                onClick={() => props.onGo(key())}
              >
                {t("conf.followGo")}
              </button>
            </div>
          </div>
        )}
      </Show>
    </div>
  );
}
