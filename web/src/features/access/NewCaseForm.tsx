/** A coordinator registers a new case: reference, household, flags; then adds the members. */
import { useNavigate } from "@solidjs/router";
import { createSignal, For, Show } from "solid-js";
import { caseCategories } from "../../../../shared/domain";
import { t } from "../../i18n";
import { ApiError, api } from "../../lib/api";
import { createFieldProblems, FieldError } from "../../lib/form";

type Field = "reference" | "title";

export function NewCaseForm() {
  const navigate = useNavigate();
  const [reference, setReference] = createSignal("");
  const [title, setTitle] = createSignal("");
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const fields = createFieldProblems<Field>("new-case", ["reference", "title"]);

  /** Shows the server's answer at the fields it names, and puts the keyboard on the first. */
  const showProblems = (err: ApiError) => {
    const byField: Partial<Record<Field, string>> = {};
    const rest: string[] = [];
    for (const d of err.details ?? []) {
      const field = d.path.split(".")[0];
      if (field === "reference" || field === "title") byField[field] ??= d.message;
      else rest.push(d.message);
    }
    // A taken reference is a conflict without details: it belongs to the reference field.
    if (err.status === 409) byField.reference = err.message;
    else if (!err.details?.length) rest.push(err.message);
    setError(rest.length ? rest.join(" ") : null);
    fields.show(byField);
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    fields.show({});
    try {
      const created = await api.post<{ id: string }>("/cases", {
        reference: reference(),
        title: title(),
        categories: chosen(),
      });
      navigate(`/casussen/${created.id}/leden`);
    } catch (err) {
      if (err instanceof ApiError) showProblems(err);
      else setError(t("app.error"));
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
            {...fields.fieldProps("reference")}
            value={reference()}
            onInput={(e) => setReference(e.currentTarget.value)}
          />
          <FieldError id={fields.errorId("reference")} message={fields.problem("reference")} />
        </div>
        <div class="ep-field utrecht-form-field">
          <label class="utrecht-form-label" for="new-case-title">
            {t("cases.household")}
          </label>
          <input
            id="new-case-title"
            class="utrecht-textbox utrecht-textbox--html-input"
            {...fields.fieldProps("title")}
            value={title()}
            onInput={(e) => setTitle(e.currentTarget.value)}
          />
          <FieldError id={fields.errorId("title")} message={fields.problem("title")} />
        </div>
        <fieldset class="ep-fieldset">
          <legend class="utrecht-form-label">{t("cases.categories")}</legend>
          <For each={caseCategories}>
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
