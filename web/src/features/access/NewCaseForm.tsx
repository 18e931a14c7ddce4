/** A coordinator registers a new case: reference, household, flags; then adds the members. */
import { useNavigate } from "@solidjs/router";
import { createSignal, For } from "solid-js";
import { caseCategories } from "../../../../shared/domain";
import { t } from "../../i18n";
import { ApiError, api } from "../../lib/api";
import { createFieldProblems, Field, FormAlert } from "../../lib/form";

type FieldName = "reference" | "title";

/** What the new case's Leden page finds in the history state, to say once that the case was registered. */
export interface CaseCreatedNotice {
  created?: {
    reference: string;
    /** Has the huisverbod category: its days are recorded under Fase. */
    restrainingOrder: boolean;
  };
}

/** The form on the case list; after registering, the new case's Leden page says so and takes the keyboard. */
export function NewCaseForm() {
  const navigate = useNavigate();
  const [reference, setReference] = createSignal("");
  const [title, setTitle] = createSignal("");
  const [chosen, setChosen] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string | null>(null);
  const fields = createFieldProblems<FieldName>("new-case", ["reference", "title"]);

  /** Shows the server's answer at the fields it names, and puts the keyboard on the first. */
  const showProblems = (err: ApiError) => {
    const byField: Partial<Record<FieldName, string>> = {};
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
      const created = await api.post<{ id: string; reference: string; categories: string[] }>("/cases", {
        reference: reference(),
        title: title(),
        categories: chosen(),
      });
      const notice: CaseCreatedNotice = {
        created: {
          reference: created.reference,
          restrainingOrder: created.categories.includes("huisverbod"),
        },
      };
      navigate(`/casussen/${created.id}/leden`, { state: notice });
    } catch (err) {
      if (err instanceof ApiError) showProblems(err);
      else setError(t("app.error"));
    }
  };

  return (
    // ep-stack: a gap between the summary and the form, so the summary's focus ring stays off "Kenmerk".
    <details class="ep-card ep-stack">
      <summary>{t("newCase.title")}</summary>
      <form class="ep-stack" onSubmit={submit}>
        <Field id="new-case-reference" label={t("cases.reference")} error={fields.problem("reference")}>
          {(control) => (
            <input
              {...control}
              class="utrecht-textbox utrecht-textbox--html-input"
              value={reference()}
              onInput={(e) => setReference(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="new-case-title" label={t("cases.household")} error={fields.problem("title")}>
          {(control) => (
            <input
              {...control}
              class="utrecht-textbox utrecht-textbox--html-input"
              value={title()}
              onInput={(e) => setTitle(e.currentTarget.value)}
            />
          )}
        </Field>
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
        <FormAlert message={error()} />
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t("newCase.submit")}
        </button>
      </form>
    </details>
  );
}
