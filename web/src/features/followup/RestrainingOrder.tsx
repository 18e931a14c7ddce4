/**
 * The huisverbod of a case on its phase page: the day it was imposed and its last day, set or lifted
 * by who plans the conferences (chair, case director, coordinator), with its legal deadlines: ten
 * days, extended by the mayor at most to four weeks after it was imposed. The header and the case
 * list show it beside the next conference, so the conference is held while the pleger is out of the
 * house.
 */
import { createSignal, For, Show } from "solid-js";
import { addDays, amsterdamDate } from "../../../../shared/dates";
import { restrainingOrderDays, restrainingOrderMaxDays } from "../../../../shared/restraining-order";
import { Confirm } from "../../components/Confirm";
import { DateInput } from "../../components/DateInput";
import { formatDate, t } from "../../i18n";
import { ApiError, api } from "../../lib/api";
import type { CaseDetail } from "../../lib/case";
import { apiProblem, createFieldProblems, describedBy, Field } from "../../lib/form";
import { restrainingOrderDeadlines, restrainingOrderText } from "../../lib/restraining-order";
import { refreshReminders } from "./reminders";

type FieldName = "from" | "until";

export function RestrainingOrder(props: { case: CaseDetail; onSaved: () => void }) {
  const today = () => amsterdamDate(new Date());
  const [from, setFrom] = createSignal(props.case.restrainingOrderFrom ?? "");
  const [until, setUntil] = createSignal(props.case.restrainingOrderUntil ?? "");
  const [status, setStatus] = createSignal("");
  /** The last day of the huisverbod whose lifting is being asked about, while the question is open. */
  const [asking, setAsking] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let liftButton: HTMLButtonElement | undefined;
  let statusLine: HTMLParagraphElement | undefined;
  const fields = createFieldProblems<FieldName>("huisverbod", ["from", "until"]);
  const latest = () => (from() ? addDays(from(), restrainingOrderMaxDays) : undefined);
  const recorded = () =>
    props.case.restrainingOrderUntil
      ? { from: props.case.restrainingOrderFrom, until: props.case.restrainingOrderUntil }
      : undefined;

  /** A new day of imposing proposes its ten days as the last day, unless one was chosen already. */
  const chooseFrom = (value: string) => {
    const proposed = from() ? addDays(from(), restrainingOrderDays) : "";
    setFrom(value);
    fields.changed("from");
    const tenDays = value ? addDays(value, restrainingOrderDays) : "";
    if ((!until() || until() === proposed) && tenDays >= today()) setUntil(tenDays);
  };

  const save = async (body: { from: string; until: string } | { until: null }) => {
    setStatus("");
    const lifted = props.case.restrainingOrderUntil;
    try {
      await api.put(`/cases/${props.case.id}/restraining-order`, body);
      if (body.until) setStatus(t("huisverbod.saved", { date: formatDate(body.until) }));
      else {
        setStatus(
          lifted ? t("huisverbod.liftedUntil", { date: formatDate(lifted) }) : t("huisverbod.lifted"),
        );
        setFrom("");
        setUntil("");
      }
      props.onSaved();
      refreshReminders(); // It may start or stop ending soon: the reminders and their badge follow.
      return true;
    } catch (err) {
      const byField: Partial<Record<FieldName, string>> = {};
      for (const d of err instanceof ApiError ? (err.details ?? []) : []) {
        if (d.path === "from" || d.path === "until") byField[d.path] ??= d.message;
      }
      fields.show(Object.keys(byField).length ? byField : { until: apiProblem(err) });
      return false;
    }
  };

  /**
   * Lifting removes the dates, the badge and the deadlines at once, so it is asked first, naming the
   * last day. "Annuleren" or Escape keep it and give the keyboard back to the button; once lifted,
   * the button and the question are gone, and the status line that says so takes the keyboard.
   */
  const answerLift = async (yes: boolean) => {
    if (!yes) {
      setAsking(undefined);
      liftButton?.focus();
      return;
    }
    if (busy()) return;
    setBusy(true);
    const done = await save({ until: null });
    setBusy(false);
    setAsking(undefined);
    if (done) statusLine?.focus();
  };

  return (
    <section class="ep-stack" aria-labelledby="huisverbod-title">
      <h2 class="utrecht-heading-2" id="huisverbod-title">
        {t("huisverbod.title")}
      </h2>
      <Show when={recorded()} fallback={<p>{t("huisverbod.none")}</p>}>
        {(order) => (
          <div>
            <p>{restrainingOrderText(order().until)}</p>
            <For each={restrainingOrderDeadlines(order())}>{(line) => <p>{line}</p>}</For>
          </div>
        )}
      </Show>
      <Show when={props.case.permissions.restrainingOrder}>
        <form
          class="ep-card ep-inline-form"
          aria-labelledby="huisverbod-title"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const missing: Partial<Record<FieldName, string>> = {};
            if (!from()) missing.from = t("huisverbod.pickFrom");
            if (!until()) missing.until = t("huisverbod.pickDate");
            if (fields.show(missing)) return;
            void save({ from: from(), until: until() });
          }}
        >
          <Field id="huisverbod-from" label={t("huisverbod.fromLabel")} error={fields.problem("from")}>
            {(control) => (
              <DateInput
                {...control}
                class="utrecht-textbox utrecht-textbox--html-input"
                max={today()}
                value={from()}
                onValue={chooseFrom}
              />
            )}
          </Field>
          <Field id="huisverbod-until" label={t("huisverbod.lastDayLabel")} error={fields.problem("until")}>
            {(control) => (
              <DateInput
                {...control}
                // The hint is a line of its own below both fields, so it is no hint of the <Field>.
                aria-describedby={describedBy(
                  control["aria-describedby"],
                  latest() && "huisverbod-until-hint",
                )}
                class="utrecht-textbox utrecht-textbox--html-input"
                min={today()}
                max={latest()}
                value={until()}
                onValue={(value) => {
                  setUntil(value);
                  fields.changed("until");
                }}
              />
            )}
          </Field>
          <Show when={latest()}>
            {(last) => (
              <p class="ep-muted ep-inline-form__note" id="huisverbod-until-hint">
                {t("huisverbod.hint", {
                  tenDays: formatDate(addDays(from(), restrainingOrderDays)),
                  latest: formatDate(last()),
                })}
              </p>
            )}
          </Show>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t("huisverbod.save")}
          </button>
          <Show when={props.case.restrainingOrderUntil && !asking()}>
            <button
              type="button"
              ref={liftButton}
              class="utrecht-button utrecht-button--secondary-action"
              onClick={() => setAsking(props.case.restrainingOrderUntil ?? undefined)}
            >
              {t("huisverbod.liftAsk")}
            </button>
          </Show>
          {/* In the form's card, on a line of its own below its buttons, where the button was. */}
          <Show when={asking()} keyed>
            {(last) => (
              <div class="ep-inline-form__note">
                <Confirm
                  question={t("huisverbod.liftQuestion", { date: formatDate(last) })}
                  yes={t("huisverbod.liftYes")}
                  no={t("huisverbod.liftNo")}
                  busy={busy()}
                  onAnswer={(yes) => void answerLift(yes)}
                />
              </div>
            )}
          </Show>
        </form>
      </Show>
      <p role="status" aria-live="polite" class="ep-muted" tabindex="-1" ref={statusLine}>
        {status()}
      </p>
    </section>
  );
}
