/** "Volgend overleg plannen": the next (review) conference, with date and time in Amsterdam. */
import { createSignal, createUniqueId, For, onMount } from "solid-js";
import { amsterdamDate, amsterdamInstant } from "../../../../shared/dates";
import { planTemplate } from "../../../../shared/plan";
import { DateInput } from "../../components/DateInput";
import { formatDate, locale, t } from "../../i18n";
import { ApiError, api } from "../../lib/api";
import { createFieldProblems, Field, FieldError, FormAlert } from "../../lib/form";
import { AgendaOrder } from "./AgendaOrder";
import { itemOf, lineItemIds, moveItem, reconcile, sectionItemId } from "./agenda-order";
import { sectionTitle } from "./sections";
import type { ActionView, ConferenceSummary } from "./types";

type FieldName = "date" | "time" | "agenda";

/** The form; `onScheduled` gets the new conference. */
export function ScheduleConference(props: {
  caseId: string;
  /** The huisverbod's last day, if one is in force: a conference after it is said to come late. */
  restrainingOrderUntil?: string | null;
  /** No conference of the case has been held yet: this one is the first, not a review. */
  first?: boolean;
  onScheduled: (conference: ConferenceSummary) => void;
}) {
  const id = createUniqueId();
  const [date, setDate] = createSignal("");
  const [time, setTime] = createSignal("");
  const [sections, setSections] = createSignal<string[]>([]);
  const [other, setOther] = createSignal("");
  /** The agenda's items in the order the chair gives (ids: `agenda-order.ts`). */
  const [order, setOrder] = createSignal<string[]>([]);
  let otherTyped = false;
  const fields = createFieldProblems<FieldName>(id, ["date", "time", "agenda"]);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  const today = () => amsterdamDate(new Date());
  /** The huisverbod's last day when the chosen day falls after it (and it is still in force). */
  const lateForRestrainingOrder = () => {
    const until = props.restrainingOrderUntil;
    return until && until >= today() && date() > until ? until : undefined;
  };

  /** The order after a section was ticked or a line typed: what stays keeps its place, new goes last. */
  const sync = () =>
    setOrder(reconcile(order(), [...sections().map(sectionItemId), ...lineItemIds(other())]));
  /** What an item is called on the agenda: a section by its title in the current language. */
  const title = (itemId: string) => {
    const item = itemOf(itemId);
    return "title" in item ? item.title : sectionTitle(item.sectionKey);
  };
  /**
   * The agenda as it will be stored, in the order shown. A section's title is stored in Dutch, the
   * language of the record (the Markdown minutes); every page shows it in its own language.
   */
  const agenda = () =>
    order().map((itemId) => {
      const item = itemOf(itemId);
      if ("title" in item) return { title: item.title };
      const dutch = planTemplate.find((s) => s.key === item.sectionKey)?.title.nl ?? item.sectionKey;
      return { title: dutch, sectionKey: item.sectionKey };
    });

  // A review conference starts with the open and late actions: when the case has any, the agenda
  // does too, unless the chair has already typed items of their own.
  onMount(async () => {
    let actions: ActionView[];
    try {
      const data = await api.get<{ actions: ActionView[] }>(`/cases/${props.caseId}/actions`);
      actions = data.actions;
    } catch {
      return;
    }
    const open = actions.some((a) => a.status === "open" || a.status === "in_progress");
    if (!open || otherTyped || other().trim()) return;
    setOther(t("conf.agendaOpenActions"));
    sync();
    const [first] = lineItemIds(other());
    setOrder([first, ...order().filter((itemId) => itemId !== first)]);
  });

  const check = (): Partial<Record<FieldName, string>> => {
    const found: Partial<Record<FieldName, string>> = {};
    if (!date()) found.date = t("conf.required");
    else if (date() < today()) found.date = t("conf.pastDate");
    if (!time()) found.time = t("conf.required");
    else if (!found.date && amsterdamInstant(date(), time()).getTime() <= Date.now())
      found.time = t("conf.pastTime");
    return found;
  };

  const submit = async () => {
    if (busy()) return;
    setError(undefined);
    if (fields.show(check())) return;
    setBusy(true);
    try {
      const answer = await api.post<{ conference: ConferenceSummary }>(`/cases/${props.caseId}/conferences`, {
        scheduledAt: amsterdamInstant(date(), time()).toISOString(),
        agenda: agenda(),
      });
      props.onScheduled(answer.conference);
    } catch (e) {
      if (e instanceof ApiError && e.details?.length) {
        // The server's field problems go to their field, like the form's own.
        const byField: Partial<Record<FieldName, string>> = {};
        for (const d of e.details) {
          if (d.path.startsWith("scheduledAt")) byField.date = d.message;
          else if (d.path.startsWith("agenda")) byField.agenda = d.message;
        }
        fields.show(byField);
        if (!byField.date && !byField.agenda) setError(t("conf.refused", { message: e.message }));
      } else if (e instanceof ApiError && e.status === 403) setError(t("conf.err.forbidden"));
      else setError(t("app.error"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="ep-conf-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} class="ep-conf-heading">
        {t("conf.schedule")}
      </h3>
      <p class="ep-conf-small" id={`${id}-intro`}>
        {t(props.first ? "conf.scheduleIntroFirst" : "conf.scheduleIntro")}
      </p>
      <form
        class="ep-conf-form"
        noValidate
        aria-describedby={`${id}-intro`}
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {/* Not a <Field>: the warning comes below the field's problem. */}
        <div class="ep-field">
          <label class="utrecht-form-label" for={`${id}-date`}>
            {t("conf.scheduleDate")}
          </label>
          <DateInput
            id={`${id}-date`}
            class="utrecht-textbox ep-conf-date"
            min={today()}
            value={date()}
            {...fields.fieldProps("date")}
            onValue={(value) => {
              setDate(value);
              fields.changed("date");
            }}
          />
          <FieldError id={fields.errorId("date")} message={fields.problem("date")} />
          {/* A warning, not a refusal: sometimes the conference cannot be sooner. */}
          <p class="ep-conf-small ep-text-warning" role="status">
            {lateForRestrainingOrder()
              ? t("conf.afterHuisverbod", { date: formatDate(lateForRestrainingOrder() as string) })
              : ""}
          </p>
        </div>
        <Field id={`${id}-time`} label={t("conf.scheduleTime")} error={fields.problem("time")}>
          {(control) => (
            <input
              {...control}
              type="time"
              class="utrecht-textbox ep-conf-date"
              value={time()}
              onInput={(e) => {
                setTime(e.currentTarget.value);
                fields.changed("time");
              }}
            />
          )}
        </Field>
        <fieldset
          class="ep-fieldset"
          aria-describedby={fields.problem("agenda") ? fields.errorId("agenda") : undefined}
        >
          <legend class="utrecht-form-label">{t("conf.scheduleAgenda")}</legend>
          <For each={planTemplate}>
            {(s) => (
              <div class="ep-checkbox">
                <input
                  type="checkbox"
                  id={`${id}-s-${s.key}`}
                  class="utrecht-checkbox utrecht-checkbox--html-input"
                  checked={sections().includes(s.key)}
                  onChange={(e) => {
                    setSections(
                      e.currentTarget.checked
                        ? [...sections(), s.key]
                        : sections().filter((k) => k !== s.key),
                    );
                    sync();
                  }}
                />
                <label for={`${id}-s-${s.key}`}>{s.title[locale()]}</label>
              </div>
            )}
          </For>
          <Field id={`${id}-other`} label={t("conf.scheduleOther")}>
            <textarea
              id={`${id}-other`}
              class="utrecht-textarea ep-conf-textarea"
              rows="2"
              value={other()}
              onInput={(e) => {
                otherTyped = true;
                setOther(e.currentTarget.value);
                sync();
              }}
            />
          </Field>
          <FieldError id={fields.errorId("agenda")} message={fields.problem("agenda")} />
        </fieldset>
        <AgendaOrder
          id={id}
          order={order()}
          title={title}
          onMove={(itemId, by) => setOrder(moveItem(order(), itemId, by))}
        />
        <FormAlert message={error()} />
        <button
          type="submit"
          class="utrecht-button utrecht-button--primary-action"
          aria-disabled={busy() ? "true" : undefined}
        >
          {t("conf.scheduleSubmit")}
        </button>
      </form>
    </section>
  );
}
