/** `/escalaties`: open escalations (optionally also resolved ones), each resolvable with an outcome. */
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { maxNote } from "../../../../shared/schemas/action";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import { createFieldProblems, Field, ReasonField, reasonProblem } from "../../lib/form";
import { settled } from "../../lib/resource";
import { ResolveForm } from "./ActionDetail";
import { errorText } from "./parts";
import type { Escalation } from "./types";

/** Escalates a whole case (not one action) one level, with a reason. */
function EscalateCaseForm(props: { onDone: () => void }) {
  const [cases] = createResource(() =>
    api.get<{ cases: { id: string; reference: string; title: string }[] }>("/cases"),
  );
  const [caseId, setCaseId] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [error, setError] = createSignal("");
  const [done, setDone] = createSignal("");
  const fields = createFieldProblems("fu-esc", ["case", "case-reason"]);
  // Someone with no case (an administrator) has nothing to escalate: no form without a choice.
  return (
    <Show when={(settled(cases)?.cases.length ?? 0) > 0}>
      <form
        class="ep-card"
        aria-labelledby="fu-esc-case-title"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setError("");
          setDone("");
          const problems = {
            case: caseId() ? undefined : t("esc.pickCase"),
            "case-reason": reasonProblem(reason()),
          };
          if (fields.show(problems)) return;
          try {
            const res = await api.post<{ escalation: Escalation }>("/escalations", {
              caseId: caseId(),
              reason: reason(),
            });
            setReason("");
            setDone(t("esc.caseDone", { level: t(`fu.level.${res.escalation.level}`) }));
            props.onDone();
          } catch (err) {
            setError(errorText(err));
          }
        }}
      >
        <h2 class="utrecht-heading-3" id="fu-esc-case-title">
          {t("esc.caseTitle")}
        </h2>
        <Field id="fu-esc-case" label={t("fu.case")} error={fields.problem("case")}>
          {(control) => (
            <select
              {...control}
              class="utrecht-select"
              required
              value={caseId()}
              onChange={(e) => {
                setCaseId(e.currentTarget.value);
                fields.changed("case");
              }}
            >
              <option value="">{t("esc.chooseCase")}</option>
              <For each={settled(cases)?.cases ?? []}>
                {(c) => (
                  <option value={c.id} selected={caseId() === c.id}>
                    {`${c.reference} — ${c.title}`}
                  </option>
                )}
              </For>
            </select>
          )}
        </Field>
        <ReasonField
          maxLength={maxNote}
          id="fu-esc-case-reason"
          label={t("detail.escalateReason")}
          error={fields.problem("case-reason")}
          value={reason()}
          onInput={(value) => {
            setReason(value);
            fields.changed("case-reason");
          }}
        />
        <button type="submit" class="utrecht-button utrecht-button--secondary-action">
          {t("esc.caseSubmit")}
        </button>
        <p role="status" class={error() ? "ep-error" : "ep-muted"}>
          {error() || done()}
        </p>
      </form>
    </Show>
  );
}

export function Escalations() {
  const [showAll, setShowAll] = createSignal(false);
  const [list, { refetch }] = createResource(
    () => ({ all: showAll() }),
    ({ all }) => api.get<{ escalations: Escalation[] }>(`/escalations?status=${all ? "all" : "open"}`),
  );
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("esc.title")}</h1>
      <p>{t("esc.intro")}</p>
      <EscalateCaseForm onDone={() => void refetch()} />
      <div class="ep-fu-check">
        <input
          type="checkbox"
          id="fu-esc-all"
          checked={showAll()}
          onChange={(e) => setShowAll(e.currentTarget.checked)}
        />
        <label for="fu-esc-all">{t("esc.showAll")}</label>
      </div>
      <Show when={list.error}>
        <p role="alert" class="ep-error">
          {t("fu.loadError")}
        </p>
      </Show>
      <Show when={settled(list)}>
        {(data) => (
          <Show when={data().escalations.length > 0} fallback={<p>{t("esc.empty")}</p>}>
            <For each={data().escalations}>
              {(e) => (
                <article class="ep-card ep-fu-card" aria-labelledby={`fu-esc-${e.id}`}>
                  <h2 class="utrecht-heading-3" id={`fu-esc-${e.id}`}>
                    {t(`fu.level.${e.level}`)} — {e.case.reference}
                  </h2>
                  <dl class="ep-fu-facts">
                    <dt>{t("esc.subject")}</dt>
                    <dd>
                      <Show when={e.action} fallback={t("esc.caseItself")}>
                        {(a) => <A href={`/acties/${a().id}`}>{a().title}</A>}
                      </Show>
                    </dd>
                    <dt>{t("esc.raised")}</dt>
                    <dd>
                      {formatDate(e.raisedAt, true)}, {t("detail.by", { name: e.raisedBy.name ?? "" })}
                    </dd>
                    <dt>{t("esc.reason")}</dt>
                    <dd>{e.reason}</dd>
                    <Show when={!e.open}>
                      <dt>{t("esc.outcome")}</dt>
                      <dd>
                        {e.outcome} ({formatDate(e.resolvedAt ?? "", true)},{" "}
                        {t("detail.by", { name: e.resolvedBy?.name ?? "" })})
                      </dd>
                    </Show>
                  </dl>
                  <Show when={e.open}>
                    <ResolveForm escalation={e} onDone={() => void refetch()} />
                  </Show>
                </article>
              )}
            </For>
          </Show>
        )}
      </Show>
    </div>
  );
}
