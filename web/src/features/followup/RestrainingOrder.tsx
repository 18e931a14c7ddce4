/**
 * The huisverbod of a case on its phase page: its last day, set or lifted by who plans the
 * conferences (chair, case director, coordinator). The header and the case list show it beside
 * the next conference, so the conference is held while the pleger is out of the house.
 */
import { createSignal, Show } from "solid-js";
import { addDays, amsterdamDate } from "../../../../shared/dates";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import type { CaseDetail } from "../../lib/case";
import { apiProblem, createFieldProblems, FieldError } from "../../lib/form";
import { restrainingOrderText } from "../../lib/restraining-order";

export function RestrainingOrder(props: { case: CaseDetail; onSaved: () => void }) {
  const today = () => amsterdamDate(new Date());
  const [until, setUntil] = createSignal(props.case.restrainingOrderUntil ?? "");
  const [status, setStatus] = createSignal("");
  const fields = createFieldProblems<"until">("huisverbod", ["until"]);
  const save = async (value: string | null) => {
    setStatus("");
    try {
      await api.put(`/cases/${props.case.id}/restraining-order`, { until: value });
      setStatus(value ? t("huisverbod.saved", { date: formatDate(value) }) : t("huisverbod.lifted"));
      if (!value) setUntil("");
      props.onSaved();
    } catch (err) {
      fields.show({ until: apiProblem(err) });
    }
  };
  return (
    <section class="ep-stack" aria-labelledby="huisverbod-title">
      <h2 class="utrecht-heading-2" id="huisverbod-title">
        {t("huisverbod.title")}
      </h2>
      <p>
        {props.case.restrainingOrderUntil
          ? restrainingOrderText(props.case.restrainingOrderUntil)
          : t("huisverbod.none")}
      </p>
      <Show when={props.case.permissions.restrainingOrder}>
        <form
          class="ep-card ep-inline-form"
          aria-labelledby="huisverbod-title"
          onSubmit={(e) => {
            e.preventDefault();
            if (!until()) return fields.show({ until: t("huisverbod.pickDate") });
            void save(until());
          }}
        >
          <div class="ep-field utrecht-form-field">
            <label class="utrecht-form-label" for="huisverbod-until">
              {t("huisverbod.lastDayLabel")}
            </label>
            <input
              id="huisverbod-until"
              type="date"
              class="utrecht-textbox utrecht-textbox--html-input"
              min={today()}
              max={addDays(today(), 28)}
              {...fields.fieldProps("until")}
              value={until()}
              onInput={(e) => {
                setUntil(e.currentTarget.value);
                fields.changed("until");
              }}
            />
            <FieldError id={fields.errorId("until")} message={fields.problem("until")} />
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t("huisverbod.save")}
          </button>
          <Show when={props.case.restrainingOrderUntil}>
            <button
              type="button"
              class="utrecht-button utrecht-button--secondary-action"
              onClick={() => void save(null)}
            >
              {t("huisverbod.lift")}
            </button>
          </Show>
        </form>
      </Show>
      <p role="status" aria-live="polite" class="ep-muted">
        {status()}
      </p>
    </section>
  );
}
