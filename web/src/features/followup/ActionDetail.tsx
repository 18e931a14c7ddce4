/** `/acties/:actionId`: one action with its history, the update form, escalation and its escalations. */
import { A, useParams } from "@solidjs/router";
import { createResource, createSignal, For, onCleanup, Show } from "solid-js";
import { maxNote } from "../../../../shared/schemas/action";
import { DateInput } from "../../components/DateInput";
import { formatDate, t } from "../../i18n";
import { ApiError, api } from "../../lib/api";
import type { CaseDetail } from "../../lib/case";
import { createFieldProblems, Field, FormAlert, ReasonField, reasonProblem } from "../../lib/form";
import { settled } from "../../lib/resource";
import { me } from "../../lib/session";
import { lastOverview } from "./Overview";
import { EscalationBadge, errorText, LateBadge, lateReasonText } from "./parts";
import { refreshReminders } from "./reminders";
import type { ActionDetail as Detail, Escalation } from "./types";

const statuses = ["open", "in_progress", "done", "cancelled"] as const;

/** Whether an action is finished (done or cancelled): then it is not stuck, and not escalated further. */
const finished = (status: string): status is "done" | "cancelled" =>
  status === "done" || status === "cancelled";

/** A value of a history change, in words. */
function changeValue(field: string, v: string | null): string {
  if (v === null) return t("detail.none");
  if (field === "status") return t(`fu.status.${v}`);
  if (field === "lateReason") return t(`fu.lateReason.${v}`);
  if (field === "dueDate") return formatDate(v);
  return v;
}

/**
 * What the escalation forms of one page said last. Every new action there (escalating, closing)
 * first clears all of it, so no earlier problem or outcome stands next to what happens now.
 */
export interface MessageResets {
  /** Registers what clears one form's messages, for as long as the form is there. */
  register(clear: () => void): void;
  /** A new action starts: every registered form's messages go. */
  begin(): void;
}

/** Resets for the forms of one page (see `MessageResets`). */
export function createMessageResets(): MessageResets {
  const clearers = new Set<() => void>();
  return {
    register(clear) {
      clearers.add(clear);
      onCleanup(() => clearers.delete(clear));
    },
    begin() {
      for (const clear of clearers) clear();
    },
  };
}

/** The form that resolves one open escalation; `onDone` gets it as it is closed. */
export function ResolveForm(props: {
  escalation: Escalation;
  resets: MessageResets;
  onDone: (resolved: Escalation) => void;
}) {
  const [outcome, setOutcome] = createSignal("");
  const [error, setError] = createSignal("");
  const fields = createFieldProblems(`fu-outcome-${props.escalation.id}`, ["text"]);
  const id = () => `fu-outcome-${props.escalation.id}-text`;
  props.resets.register(() => {
    setError("");
    fields.show({});
  });
  return (
    <form
      class="ep-fu-resolve"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        props.resets.begin();
        if (fields.show({ text: reasonProblem(outcome(), "outcome") })) return;
        try {
          const { escalation } = await api.post<{ escalation: Escalation }>(
            `/escalations/${props.escalation.id}/resolve`,
            { outcome: outcome() },
          );
          setOutcome("");
          props.onDone(escalation);
        } catch (err) {
          setError(errorText(err));
        }
      }}
    >
      <ReasonField
        maxLength={maxNote}
        id={id()}
        label={t("esc.outcome")}
        error={fields.problem("text")}
        value={outcome()}
        onInput={(value) => {
          setOutcome(value);
          fields.changed("text");
        }}
      />
      <button type="submit" class="utrecht-button utrecht-button--secondary-action">
        {t("esc.resolve")}
      </button>
      <FormAlert message={error()} />
    </form>
  );
}

export function ActionDetail() {
  const params = useParams();
  const [detail, { refetch }] = createResource(
    () => params.actionId,
    (id) => api.get<Detail>(`/actions/${id}`),
  );
  // Chair, case director and coordinator may hand an action to another member or move its date.
  // No id, no request: an owner who may not reassign has no use for the members.
  const [caseDetail] = createResource(
    () => {
      const d = settled(detail);
      return d?.permissions.assign ? d.action.case.id : undefined;
    },
    (id) => api.get<CaseDetail>(`/cases/${id}`),
  );
  const members = () => settled(caseDetail)?.members;
  const owners = () => (members() ?? []).filter((m) => m.role !== "observer");
  const [owner, setOwner] = createSignal("");
  /** The due date typed; undefined while untouched (the field shows the action's own). */
  const [due, setDue] = createSignal<string>();
  const [status, setStatus] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [note, setNote] = createSignal("");
  const [escReason, setEscReason] = createSignal("");
  const [message, setMessage] = createSignal<{ error: boolean; text: string } | null>(null);
  const [escError, setEscError] = createSignal("");
  const updateFields = createFieldProblems("fu-d", ["due"]);
  const escFields = createFieldProblems("fu-d-esc", ["reason"]);
  const [escDone, setEscDone] = createSignal("");
  let escStatus: HTMLParagraphElement | undefined;
  const escResets = createMessageResets();
  escResets.register(() => {
    setEscError("");
    setEscDone("");
    escFields.show({});
  });
  // Its form goes with the escalation it closed: the line says so and takes the keyboard.
  const resolved = async (e: Escalation) => {
    await refetch();
    setEscDone(t("detail.resolvedDone", { level: t(`fu.level.${e.level}`) }));
    escStatus?.focus();
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const d = detail();
    if (!d) return;
    setMessage(null);
    // The due date may be moved, not left empty.
    if (updateFields.show({ due: due() === "" ? t("detail.pickDue") : undefined })) return;
    const body: Record<string, unknown> = {};
    if (status() && status() !== d.action.status) body.status = status();
    if (reason() && reason() !== d.action.lateReason) body.lateReason = reason();
    if (owner() && owner() !== d.action.owner.id) body.ownerUserId = owner();
    const newDue = due();
    if (newDue && newDue !== d.action.dueDate) body.dueDate = newDue;
    if (note().trim()) body.note = note().trim();
    // What this page showed: changed meanwhile by someone else, the server refuses (409) rather than
    // undo their change, and the page shows the action as it is now.
    const expected: Record<string, unknown> = {};
    if (body.status !== undefined) expected.status = d.action.status;
    if (body.lateReason !== undefined) expected.lateReason = d.action.lateReason;
    if (Object.keys(expected).length > 0) body.expected = expected;
    try {
      await api.patch(`/actions/${d.action.id}`, body);
      setNote("");
      setOwner("");
      setDue(undefined);
      setMessage({ error: false, text: t("fu.saved") });
      refreshReminders();
      await refetch();
    } catch (err) {
      setMessage({ error: true, text: errorText(err) });
      if (err instanceof ApiError && err.status === 409) {
        setStatus("");
        setReason("");
        await refetch();
      }
    }
  };
  const escalate = async (e: Event) => {
    e.preventDefault();
    const d = detail();
    if (!d) return;
    escResets.begin();
    if (escFields.show({ reason: reasonProblem(escReason()) })) return;
    try {
      const { escalation } = await api.post<{ escalation: Escalation }>("/escalations", {
        caseId: d.action.case.id,
        actionId: d.action.id,
        reason: escReason(),
      });
      setEscReason("");
      await refetch();
      // The button used now names the next level: land on the new escalation instead, and say so.
      setEscDone(t("detail.escalated", { level: t(`fu.level.${escalation.level}`) }));
      document.querySelector<HTMLElement>(`[data-escalation-id="${escalation.id}"]`)?.focus();
    } catch (err) {
      setEscError(errorText(err));
    }
  };

  return (
    <div class="ep-stack">
      <p>
        <Show when={me()?.globalRole === "coordinator"} fallback={<A href="/acties">{t("detail.back")}</A>}>
          <A href={lastOverview()}>{t("detail.backOverview")}</A>
        </Show>
      </p>
      <Show when={detail.error}>
        {(err) => (
          <>
            <h1 class="utrecht-heading-1">{t("detail.title")}</h1>
            {/* Not there, or not for this user (the server does not tell which): said as such, not
                as a fault. */}
            <p role="alert" class="ep-error">
              {err() instanceof ApiError && err().status === 404 ? t("detail.notFound") : t("fu.loadError")}
            </p>
          </>
        )}
      </Show>
      <Show when={settled(detail)}>
        {(d) => (
          <>
            <h1 class="utrecht-heading-1">{d().action.title}</h1>
            <p class="ep-fu-meta">
              <LateBadge action={d().action} />
              <EscalationBadge action={d().action} />
            </p>
            <dl class="ep-fu-facts">
              <dt>{t("fu.case")}</dt>
              <dd>
                <A href={`/casussen/${d().action.case.id}`}>{d().action.case.reference}</A>
              </dd>
              <dt>{t("fu.owner")}</dt>
              <dd>
                {d().action.owner.name} ({d().action.organisation?.name ?? t("fu.noOrganisation")})
              </dd>
              <dt>{t("fu.due")}</dt>
              <dd>{formatDate(d().action.dueDate)}</dd>
              <dt>{t("fu.status")}</dt>
              <dd>{t(`fu.status.${d().action.status}`)}</dd>
              <Show when={d().action.overdue || d().action.lateReason}>
                <dt>{t("fu.reason")}</dt>
                <dd>{lateReasonText(d().action)}</dd>
              </Show>
            </dl>

            <Show when={d().permissions.update}>
              <section class="ep-card" aria-labelledby="fu-update-title">
                <h2 class="utrecht-heading-2" id="fu-update-title">
                  {t("detail.update")}
                </h2>
                <form noValidate onSubmit={save}>
                  <Field id="fu-d-status" label={t("fu.status")}>
                    <select
                      id="fu-d-status"
                      class="utrecht-select"
                      value={status() || d().action.status}
                      onChange={(e) => setStatus(e.currentTarget.value)}
                    >
                      <For each={statuses}>{(s) => <option value={s}>{t(`fu.status.${s}`)}</option>}</For>
                    </select>
                  </Field>
                  <Show when={d().action.overdue}>
                    <Field id="fu-d-reason" label={t("fu.reason")}>
                      <select
                        id="fu-d-reason"
                        class="utrecht-select"
                        value={reason() || d().action.lateReason || ""}
                        onChange={(e) => setReason(e.currentTarget.value)}
                      >
                        <option value="">{t("fu.lateReason.none")}</option>
                        <option value="circumstances_changed">
                          {t("fu.lateReason.circumstances_changed")}
                        </option>
                        <option value="not_carried_out">{t("fu.lateReason.not_carried_out")}</option>
                      </select>
                    </Field>
                  </Show>
                  <Show when={d().permissions.assign && members()}>
                    <Field id="fu-d-owner" label={t("fu.owner")}>
                      <select
                        id="fu-d-owner"
                        class="utrecht-select"
                        value={owner() || d().action.owner.id}
                        onChange={(e) => setOwner(e.currentTarget.value)}
                      >
                        <For each={owners()}>
                          {(m) => (
                            <option value={m.userId} selected={(owner() || d().action.owner.id) === m.userId}>
                              {m.name} — {m.organisation?.name ?? t(`role.${m.role}`)}
                            </option>
                          )}
                        </For>
                      </select>
                    </Field>
                    <Field id="fu-d-due" label={t("fu.due")} error={updateFields.problem("due")}>
                      {(control) => (
                        <DateInput
                          {...control}
                          class="utrecht-textbox"
                          required
                          value={due() ?? d().action.dueDate}
                          onValue={(value) => {
                            setDue(value);
                            updateFields.changed("due");
                          }}
                        />
                      )}
                    </Field>
                  </Show>
                  <Field id="fu-d-note" label={t("fu.note")}>
                    <textarea
                      id="fu-d-note"
                      class="utrecht-textarea"
                      rows="3"
                      maxlength="2000"
                      value={note()}
                      onInput={(e) => setNote(e.currentTarget.value)}
                    />
                  </Field>
                  <button type="submit" class="utrecht-button utrecht-button--primary-action">
                    {t("detail.save")}
                  </button>
                  <p role="status" class={message()?.error ? "ep-error" : "ep-muted"}>
                    {message()?.text ?? ""}
                  </p>
                </form>
              </section>
            </Show>

            <section class="ep-card" aria-labelledby="fu-esc-title">
              <h2 class="utrecht-heading-2" id="fu-esc-title">
                {t("detail.escalations")}
              </h2>
              <Show when={d().escalations.length > 0} fallback={<p>{t("detail.noEscalations")}</p>}>
                <ol class="ep-fu-history">
                  <For each={d().escalations}>
                    {(e) => (
                      <li tabindex="-1" data-escalation-id={e.id}>
                        <strong>{t(`fu.level.${e.level}`)}</strong> — {formatDate(e.raisedAt, true)},{" "}
                        {t("detail.by", { name: e.raisedBy.name ?? "" })}: {e.reason}
                        <Show
                          when={e.open}
                          fallback={
                            <p class="ep-muted">
                              {t("esc.resolved")}: {e.outcome}
                            </p>
                          }
                        >
                          <span class="ep-badge ep-badge--warning">{t("esc.open")}</span>
                          <Show when={e.mayResolve}>
                            <ResolveForm escalation={e} resets={escResets} onDone={resolved} />
                          </Show>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
              <p role="status" tabindex="-1" class="ep-muted" ref={(el) => (escStatus = el)}>
                {escDone()}
              </p>
              <Show when={d().permissions.escalate}>
                <Show
                  when={!finished(d().action.status)}
                  fallback={<p>{t(`detail.escalateFinished.${d().action.status}`)}</p>}
                >
                  <Show when={d().nextEscalationLevel} fallback={<p>{t("detail.escalateTop")}</p>}>
                    {(level) => (
                      <form
                        noValidate
                        onSubmit={escalate}
                        class="ep-fu-escalate"
                        aria-labelledby="fu-escalate-title"
                      >
                        <h3 class="utrecht-heading-3" id="fu-escalate-title">
                          {t("detail.escalate")}
                        </h3>
                        <ReasonField
                          maxLength={maxNote}
                          id="fu-d-esc-reason"
                          label={t("detail.escalateReason")}
                          error={escFields.problem("reason")}
                          rows={3}
                          value={escReason()}
                          onInput={(value) => {
                            setEscReason(value);
                            escFields.changed("reason");
                          }}
                        />
                        <button type="submit" class="utrecht-button utrecht-button--primary-action">
                          {t("detail.escalateTo", { level: t(`fu.level.${level()}`) })}
                        </button>
                        <FormAlert message={escError()} />
                      </form>
                    )}
                  </Show>
                </Show>
              </Show>
            </section>

            <section aria-labelledby="fu-history-title">
              <h2 class="utrecht-heading-2" id="fu-history-title">
                {t("detail.history")}
              </h2>
              <Show when={d().history.length > 0} fallback={<p>{t("detail.historyEmpty")}</p>}>
                <ol class="ep-fu-history">
                  <For each={[...d().history].reverse()}>
                    {(h) => (
                      <li>
                        <p>
                          <strong>{formatDate(h.at, true)}</strong>{" "}
                          {t("detail.by", { name: h.by.name ?? "" })}
                        </p>
                        <ul>
                          <For
                            each={h.changes.filter(
                              (c) => c.field !== "ownerOrganisationId" && c.field !== "ownerUserId",
                            )}
                          >
                            {(c) => (
                              <li>
                                {t("detail.change", {
                                  field: t(`detail.field.${c.field}`),
                                  from: changeValue(c.field, c.from),
                                  to: changeValue(c.field, c.to),
                                })}
                              </li>
                            )}
                          </For>
                          <For each={h.changes.filter((c) => c.field === "ownerUserId")}>
                            {(c) => (
                              <li>
                                {t("detail.change", {
                                  field: t("detail.field.ownerUserId"),
                                  from: (c.from && d().names[c.from]) || t("detail.none"),
                                  to: (c.to && d().names[c.to]) || t("detail.none"),
                                })}
                              </li>
                            )}
                          </For>
                        </ul>
                        <Show when={h.note}>
                          <p class="ep-fu-note">{h.note}</p>
                        </Show>
                      </li>
                    )}
                  </For>
                </ol>
              </Show>
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
