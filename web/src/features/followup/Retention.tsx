/**
 * The retention of a closed case on its phase page: until when the file is kept, and for the
 * region's coordinator, once that day has come, the form that destroys it for good.
 */
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { formatDate, t } from "../../i18n";
import { ApiError } from "../../lib/api";
import { type CaseDetail, type CaseRetention, destroyCase } from "../../lib/case";
import { apiProblem, createFieldProblems, Field, FormAlert } from "../../lib/form";

/** What `/casussen` finds in the history state after a destruction, to say so once. */
export interface DestroyedNotice {
  destroyed: string;
}

/** "Gesloten op … Het dossier wordt bewaard tot …", with the destroy form when it is the coordinator's turn. */
export function Retention(props: { case: CaseDetail }) {
  return (
    <Show when={props.case.retention}>
      {(r) => (
        <section class="ep-stack" aria-labelledby="retention-title">
          <h2 class="utrecht-heading-2" id="retention-title">
            {t("retention.title")}
          </h2>
          <p data-testid="retention-text">
            {t(r().due ? "retention.passed" : "retention.kept", {
              closed: formatDate(r().closedAt),
              until: formatDate(r().until),
            })}
          </p>
          <Show when={props.case.permissions.destroy && r().due}>
            <DestroyForm case={props.case} retention={r()} />
          </Show>
        </section>
      )}
    </Show>
  );
}

/** The danger card: what goes, what the Logboek keeps, the reference typed to confirm. */
function DestroyForm(props: { case: CaseDetail; retention: CaseRetention }) {
  const navigate = useNavigate();
  const [typed, setTyped] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string | null>(null);
  const fields = createFieldProblems<"reference">("destroy", ["reference"]);
  // The same comparison the server makes (it trims what was typed); nothing is sent before it holds.
  const confirmed = () => typed().trim() === props.case.reference;

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!confirmed() || busy()) return;
    setError(null);
    fields.show({});
    setBusy(true);
    try {
      const done = await destroyCase(props.case.id, typed().trim());
      const notice: DestroyedNotice = { destroyed: done.reference };
      navigate("/casussen", { state: notice });
    } catch (err) {
      const atField = err instanceof ApiError ? err.details?.find((d) => d.path === "reference") : undefined;
      if (atField) fields.show({ reference: atField.message });
      else setError(apiProblem(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form class="ep-card ep-danger-card ep-stack" aria-labelledby="destroy-title" onSubmit={submit}>
      <h3 class="utrecht-heading-3" id="destroy-title">
        {t("destroy.title")}
      </h3>
      <p>{t("destroy.what")}</p>
      <p>{t("destroy.audit")}</p>
      <Field
        id="destroy-reference"
        label={t("destroy.confirmLabel", { reference: props.case.reference })}
        error={fields.problem("reference")}
      >
        {(control) => (
          <input
            {...control}
            class="utrecht-textbox utrecht-textbox--html-input ep-destroy-input"
            autocomplete="off"
            spellcheck={false}
            value={typed()}
            onInput={(e) => {
              setTyped(e.currentTarget.value);
              fields.changed("reference");
            }}
          />
        )}
      </Field>
      <FormAlert message={error()} />
      <div>
        <button
          type="submit"
          class="utrecht-button utrecht-button--primary-action utrecht-button--danger"
          disabled={!confirmed() || busy()}
        >
          {t("destroy.submit")}
        </button>
      </div>
    </form>
  );
}
