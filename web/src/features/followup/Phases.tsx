/**
 * `/casussen/:caseId/fase`: the phase history of a case; the case director moves it, with a reason.
 * A closed case shows how long it is kept, and there the coordinator destroys it once that is over.
 */
import { useParams } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { phases } from "../../../../shared/domain";
import { maxNote } from "../../../../shared/schemas/action";
import { CaseHeader, CaseUnavailable } from "../../components/CaseHeader";
import { ScrollTable } from "../../components/ScrollTable";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import { createCase } from "../../lib/case";
import { createFieldProblems, Field, ReasonField, reasonProblem } from "../../lib/form";
import { settled } from "../../lib/resource";
import { errorText } from "./parts";
import { RestrainingOrder } from "./RestrainingOrder";
import { Retention } from "./Retention";

interface PhaseHistory {
  phase: string;
  history: {
    id: string;
    from: string | null;
    to: string;
    reason: string;
    incident: boolean;
    at: string;
    by: { id: string; name: string | null } | null;
  }[];
}

export function Phases() {
  const params = useParams();
  const [caseResource, { refetch: refetchCase }] = createCase(() => params.caseId);
  const detail = () => settled(caseResource);
  const [history, { refetch }] = createResource(
    () => params.caseId,
    (id) => api.get<PhaseHistory>(`/cases/${id}/phases`),
  );
  const [phase, setPhase] = createSignal("");
  const [reason, setReason] = createSignal("");
  const [incident, setIncident] = createSignal(false);
  const [message, setMessage] = createSignal<{ error: boolean; text: string } | null>(null);
  const isDirector = () => detail()?.myRole === "caseDirector";
  const fields = createFieldProblems("fu-ph", ["phase", "reason"]);

  const submit = async (e: Event) => {
    e.preventDefault();
    setMessage(null);
    const problems: { phase?: string; reason?: string } = {};
    if (!incident() && !phase()) problems.phase = t("ph.pickPhase");
    problems.reason = reasonProblem(reason());
    if (fields.show(problems)) return;
    try {
      await api.post(
        `/cases/${params.caseId}/phase`,
        incident() ? { incident: true, reason: reason() } : { phase: phase(), reason: reason() },
      );
      // The form starts clean: the phase chosen is now the case's own and no longer among the options.
      setPhase("");
      setReason("");
      setIncident(false);
      setMessage({ error: false, text: t("fu.saved") });
      refetchCase();
      await refetch();
    } catch (err) {
      setMessage({ error: true, text: errorText(err) });
    }
  };

  return (
    <div class="ep-stack">
      <Show when={caseResource.error}>
        {(err) => (
          <>
            <h1 class="utrecht-heading-1">{t("ph.title")}</h1>
            <CaseUnavailable error={err()} />
          </>
        )}
      </Show>
      <Show when={detail()}>{(c) => <CaseHeader case={c()} />}</Show>
      <Show when={!caseResource.error}>
        <Show when={detail()}>{(c) => <Retention case={c()} />}</Show>
        <Show when={detail()}>{(c) => <RestrainingOrder case={c()} onSaved={refetchCase} />}</Show>
        <Show when={isDirector()}>
          <form class="ep-card" aria-labelledby="fu-ph-form" noValidate onSubmit={submit}>
            <h2 class="utrecht-heading-3" id="fu-ph-form">
              {t("ph.change")}
            </h2>
            <div class="ep-fu-check">
              <input
                type="checkbox"
                id="fu-ph-incident"
                checked={incident()}
                onChange={(e) => {
                  setIncident(e.currentTarget.checked);
                  fields.changed("phase");
                }}
              />
              <label for="fu-ph-incident">{t("ph.incident")}</label>
            </div>
            <Show when={!incident()}>
              <Field id="fu-ph-phase" label={t("ph.newPhase")} error={fields.problem("phase")}>
                {(control) => (
                  <select
                    {...control}
                    class="utrecht-select"
                    required
                    value={phase()}
                    onChange={(e) => {
                      setPhase(e.currentTarget.value);
                      fields.changed("phase");
                    }}
                  >
                    <option value="">{t("ph.choose")}</option>
                    <For each={phases.filter((p) => p !== settled(history)?.phase)}>
                      {(p) => (
                        <option value={p} selected={phase() === p}>
                          {t(`phase.${p}`)}
                        </option>
                      )}
                    </For>
                  </select>
                )}
              </Field>
            </Show>
            <ReasonField
              maxLength={maxNote}
              id="fu-ph-reason"
              label={t("ph.reason")}
              error={fields.problem("reason")}
              value={reason()}
              onInput={(value) => {
                setReason(value);
                fields.changed("reason");
              }}
            />
            <button type="submit" class="utrecht-button utrecht-button--primary-action">
              {t("ph.submit")}
            </button>
            <p role="status" class={message()?.error ? "ep-error" : "ep-muted"}>
              {message()?.text ?? ""}
            </p>
          </form>
        </Show>
        {/* The history under its own heading, after the form that adds to it. */}
        <h2 class="utrecht-heading-2" id="fu-ph-history">
          {t("ph.title")}
        </h2>
        <Show when={history.error}>
          <p role="alert" class="ep-error">
            {t("fu.loadError")}
          </p>
        </Show>
        <Show when={settled(history)}>
          {(h) => (
            // A case made in the app starts without a row (the seeded demo case has its registration).
            <Show when={h().history.length > 0} fallback={<p>{t("ph.none")}</p>}>
              <ScrollTable label={t("ph.title")}>
                {/* Named by the heading right above it: a caption would say the same words again. */}
                <table class="ep-table" aria-labelledby="fu-ph-history">
                  <thead>
                    <tr>
                      <th scope="col">{t("ph.when")}</th>
                      <th scope="col">{t("ph.from")}</th>
                      <th scope="col">{t("ph.to")}</th>
                      <th scope="col">{t("ph.reason")}</th>
                      <th scope="col">{t("ph.by")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={[...h().history].reverse()}>
                      {(row) => (
                        <tr>
                          <td>{formatDate(row.at, true)}</td>
                          <td>{row.from ? t(`phase.${row.from}`) : t("detail.none")}</td>
                          <td>
                            {t(`phase.${row.to}`)}{" "}
                            <Show when={row.incident}>
                              <span class="ep-badge ep-badge--danger">{t("ph.incidentBadge")}</span>
                            </Show>
                          </td>
                          <td>{row.reason}</td>
                          <td>{row.by?.name ?? t("detail.none")}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </ScrollTable>
            </Show>
          )}
        </Show>
      </Show>
    </div>
  );
}
