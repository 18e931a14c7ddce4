/**
 * `/escalaties`: open escalations (optionally also resolved ones), each with its action as it is now,
 * closable with an outcome by the level it went to; and a form to escalate a whole case.
 */
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { maxNote } from "../../../../shared/schemas/action";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import { createFieldProblems, Field, ReasonField, reasonProblem } from "../../lib/form";
import { settled } from "../../lib/resource";
import { createMessageResets, type MessageResets, ResolveForm } from "./ActionDetail";
import { errorText } from "./parts";
import type { Escalation } from "./types";

/** What the page's status line says: what an action did, or why it failed. */
type Notice = { text: string; error: boolean };

/**
 * Escalates a whole case (not one action), with a reason. The button names the level it will go
 * to, which the server works out for this person and this case.
 */
function EscalateCaseForm(props: {
  resets: MessageResets;
  say: (notice: Notice) => void;
  onDone: () => void;
}) {
  const [cases] = createResource(() =>
    api.get<{ cases: { id: string; reference: string; title: string }[] }>("/cases"),
  );
  const [caseId, setCaseId] = createSignal("");
  const [reason, setReason] = createSignal("");
  const fields = createFieldProblems("fu-esc", ["case", "case-reason"]);
  props.resets.register(() => fields.show({}));
  const [next, { refetch: refetchNext }] = createResource(
    () => caseId() || undefined,
    async (id) => ({
      caseId: id,
      ...(await api.get<{ level: string | null }>(`/escalations/next-level?caseId=${id}`)),
    }),
  );
  /** The level escalating the chosen case goes to: undefined while unknown, null at the top. */
  const nextLevel = () => {
    const n = settled(next);
    return n && n.caseId === caseId() ? n.level : undefined;
  };
  // Someone with no case (an administrator) has nothing to escalate: no form without a choice.
  return (
    <Show when={(settled(cases)?.cases.length ?? 0) > 0}>
      <form
        class="ep-card"
        aria-labelledby="fu-esc-case-title"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          props.resets.begin();
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
            props.say({
              text: t("esc.caseDone", { level: t(`fu.level.${res.escalation.level}`) }),
              error: false,
            });
            props.onDone();
            void refetchNext();
          } catch (err) {
            props.say({ text: errorText(err), error: true });
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
        <Show
          when={nextLevel() !== null}
          fallback={
            <p class="ep-muted" id="fu-esc-case-top">
              {t("esc.caseTop")}
            </p>
          }
        >
          <button type="submit" class="utrecht-button utrecht-button--secondary-action">
            {nextLevel()
              ? t("esc.caseSubmitTo", { level: t(`fu.level.${nextLevel()}`) })
              : t("esc.caseSubmit")}
          </button>
        </Show>
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
  const resets = createMessageResets();
  const [notice, setNotice] = createSignal<Notice | null>(null);
  resets.register(() => setNotice(null));
  let noticeLine: HTMLParagraphElement | undefined;
  // The closed escalation's form goes (and with open ones only, its card): the keyboard would fall
  // to the top of the document. The status line says what was closed and takes it instead.
  const resolved = async (e: Escalation) => {
    await refetch();
    setNotice({
      text: t("esc.resolvedDone", { level: t(`fu.level.${e.level}`), reference: e.case.reference }),
      error: false,
    });
    noticeLine?.focus();
  };
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("esc.title")}</h1>
      <p>{t("esc.intro")}</p>
      <EscalateCaseForm resets={resets} say={setNotice} onDone={() => void refetch()} />
      <p
        role="status"
        tabindex="-1"
        class={notice()?.error ? "ep-error" : "ep-muted"}
        ref={(el) => (noticeLine = el)}
      >
        {notice()?.text ?? ""}
      </p>
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
                    <Show when={e.action?.status ? e.action : undefined}>
                      {(a) => (
                        <>
                          <dt>{t("esc.actionStatus")}</dt>
                          <dd>{t(`fu.status.${a().status}`)}</dd>
                          <Show when={a().dueDate}>
                            {(due) => (
                              <>
                                <dt>{t("fu.due")}</dt>
                                <dd>{formatDate(due())}</dd>
                              </>
                            )}
                          </Show>
                        </>
                      )}
                    </Show>
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
                    <Show
                      when={e.mayResolve}
                      fallback={
                        <p class="ep-muted">
                          {t(
                            e.level === "caseDirector"
                              ? "esc.whoResolves.caseDirector"
                              : "esc.whoResolves.above",
                          )}
                        </p>
                      }
                    >
                      <ResolveForm escalation={e} resets={resets} onDone={resolved} />
                    </Show>
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
