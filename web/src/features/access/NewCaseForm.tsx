/** A coordinator registers a new case: reference, household, flags; then adds the members. */
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { t } from "../../i18n";
import { ApiError, api } from "../../lib/api";

const categories = [
  "kinderen",
  "intiem_terreur",
  "ouderenmishandeling",
  "eergerelateerd_geweld",
  "huisverbod",
  "overig",
];

export function NewCaseForm() {
  const navigate = useNavigate();
  const [reference, setReference] = createSignal("");
  const [title, setTitle] = createSignal("");
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const created = await api.post<{ id: string }>("/cases", {
        reference: reference(),
        title: title(),
        categories: chosen(),
      });
      navigate(`/casussen/${created.id}/leden`);
    } catch (err) {
      setError(
        err instanceof ApiError
          ? (err.details?.map((d) => d.message).join(" ") ?? err.message)
          : t("app.error"),
      );
    }
  };

  return (
    <details class="ep-card">
      <summary>{t("newCase.title")}</summary>
      <form class="ep-stack" onSubmit={submit}>
        <div class="ep-field utrecht-form-field">
          <label class="utrecht-form-label" for="new-case-reference">
            {t("cases.reference")}
          </label>
          <input
            id="new-case-reference"
            class="utrecht-textbox utrecht-textbox--html-input"
            value={reference()}
            onInput={(e) => setReference(e.currentTarget.value)}
          />
        </div>
        <div class="ep-field utrecht-form-field">
          <label class="utrecht-form-label" for="new-case-title">
            {t("cases.household")}
          </label>
          <input
            id="new-case-title"
            class="utrecht-textbox utrecht-textbox--html-input"
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
        </div>
        <fieldset class="ep-fieldset">
          <legend class="utrecht-form-label">{t("cases.categories")}</legend>
          <For each={categories}>
            {(cat) => (
              <div class="ep-checkbox">
                <input
                  type="checkbox"
                  id={`new-case-${cat}`}
                  class="utrecht-checkbox utrecht-checkbox--html-input"
                  checked={chosen().includes(cat)}
                  onChange={(e) =>
                    setChosen(
                      e.currentTarget.checked ? [...chosen(), cat] : chosen().filter((c) => c !== cat),
                    )
                  }
                />
                <label for={`new-case-${cat}`}>{t(`category.${cat}`)}</label>
              </div>
            )}
          </For>
        </fieldset>
        <Show when={error()}>
          <p class="ep-error" role="alert">
            {error()}
          </p>
        </Show>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t("newCase.submit")}
        </button>
      </form>
    </details>
  );
}
