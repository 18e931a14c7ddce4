/** `/cijfers`: the region's figures for a period, as charts with the numbers in a table beside them. */
import { createResource, createSignal, For, Show } from "solid-js";
import { DateInput } from "../../components/DateInput";
import { ScrollTable } from "../../components/ScrollTable";
import { formatNumber, t } from "../../i18n";
import { api } from "../../lib/api";
import { createFieldProblems, Field } from "../../lib/form";
import { settled } from "../../lib/resource";
import { me } from "../../lib/session";
import { BarChart } from "./BarChart";
import { countText } from "./parts";

interface OrgFigures {
  organisationId: string | null;
  organisationName: string | null;
  actionsDue: number;
  doneOnTime: number;
  late: number;
  escalations: number;
}
interface Figures {
  period: { from: string; to: string };
  casesPerPhase: { phase: string; count: number }[];
  registrationToFirstConference: { cases: number; medianDays: number | null };
  actions: { due: number; doneOnTime: number; shareOnTime: number | null; late: number };
  escalations: number;
  byOrganisation: OrgFigures[];
}

/** Today in Amsterdam, `YYYY-MM-DD`. */
const todayAmsterdam = () =>
  new Intl.DateTimeFormat("en-CA", {
    timeZone: "Europe/Amsterdam",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(new Date());

/** Whether a global role sees the region's figures (the menu offers them by the same rule; the server decides). */
export const mayViewFigures = (role: string | undefined) => role === "coordinator" || role === "admin";

/** The page; the region's figures are for the procesregisseur and the beheerder. */
export function Figures() {
  const mayView = () => mayViewFigures(me()?.globalRole);
  return (
    <Show
      when={mayView()}
      fallback={
        <div class="ep-stack">
          <h1 class="utrecht-heading-1">{t("fig.title")}</h1>
          <p>{t("fig.forbidden")}</p>
        </div>
      }
    >
      <FiguresPage />
    </Show>
  );
}

function FiguresPage() {
  const today = todayAmsterdam();
  const [from, setFrom] = createSignal(`${today.slice(0, 4)}-01-01`);
  const [to, setTo] = createSignal(today);
  const [period, setPeriod] = createSignal({ from: from(), to: to() });
  const [figures] = createResource(period, (p) => api.get<Figures>(`/figures?from=${p.from}&to=${p.to}`));
  const orgName = (o: OrgFigures) => o.organisationName ?? t("fig.caseLevel");
  const csvHref = () => `/api/figures?from=${period().from}&to=${period().to}&format=csv`;
  const fields = createFieldProblems("fu-fig", ["from", "to"]);

  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("fig.title")}</h1>
      <p>{t("fig.intro")}</p>
      <p class="ep-muted">{t("fig.actionsCounted")}</p>
      <form
        class="ep-card ep-fu-period"
        aria-labelledby="fu-period-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          // Days as `YYYY-MM-DD` compare as text; the period ends on or after the day it begins.
          const problems = {
            from: from() ? undefined : t("fig.pickFrom"),
            to: !to() ? t("fig.pickTo") : from() && to() < from() ? t("fig.toBeforeFrom") : undefined,
          };
          if (fields.show(problems)) return;
          setPeriod({ from: from(), to: to() });
        }}
      >
        <h2 class="utrecht-heading-3" id="fu-period-title">
          {t("fig.period")}
        </h2>
        <div class="ep-fu-filter-grid">
          <Field id="fu-fig-from" label={t("fig.from")} error={fields.problem("from")}>
            {(control) => (
              <DateInput
                {...control}
                class="utrecht-textbox"
                required
                value={from()}
                onValue={(value) => {
                  setFrom(value);
                  fields.changed("from");
                  fields.changed("to"); // "the last day is before the first" may no longer hold
                }}
              />
            )}
          </Field>
          <Field id="fu-fig-to" label={t("fig.to")} error={fields.problem("to")}>
            {(control) => (
              <DateInput
                {...control}
                class="utrecht-textbox"
                required
                value={to()}
                onValue={(value) => {
                  setTo(value);
                  fields.changed("to");
                }}
              />
            )}
          </Field>
        </div>
        <div class="ep-fu-buttons">
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t("fig.show")}
          </button>
          <a
            class="utrecht-button utrecht-button--secondary-action ep-fu-linkbutton"
            href={csvHref()}
            download=""
          >
            {t("fig.csv")}
          </a>
        </div>
      </form>
      <Show when={figures.error}>
        <p role="alert" class="ep-error">
          {t("fu.loadError")}
        </p>
      </Show>
      <Show when={settled(figures)}>
        {(f) => (
          <>
            <div class="ep-fu-kpis">
              <section class="ep-card" aria-labelledby="fu-kpi-median">
                <h2 class="utrecht-heading-3" id="fu-kpi-median">
                  {t("fig.median")}
                </h2>
                {/* A figure is shown large; the sentence saying there is none, as text. */}
                <Show
                  when={f().registrationToFirstConference.medianDays !== null}
                  fallback={<p>{t("fig.noMedian")}</p>}
                >
                  <p class="ep-fu-kpi">
                    {t("fig.medianValue", {
                      days: countText(
                        "fig.days",
                        f().registrationToFirstConference.medianDays ?? 0,
                        formatNumber(f().registrationToFirstConference.medianDays ?? 0),
                      ),
                      cases: countText("fig.cases", f().registrationToFirstConference.cases),
                    })}
                  </p>
                </Show>
              </section>
              <section class="ep-card" aria-labelledby="fu-kpi-ontime">
                <h2 class="utrecht-heading-3" id="fu-kpi-ontime">
                  {t("fig.onTime")}
                </h2>
                <Show when={f().actions.shareOnTime !== null} fallback={<p>{t("fig.noActions")}</p>}>
                  <p class="ep-fu-kpi">
                    {t("fig.onTimeValue", {
                      pct: Math.round((f().actions.shareOnTime ?? 0) * 100),
                      done: f().actions.doneOnTime,
                      due: f().actions.due,
                    })}
                  </p>
                </Show>
              </section>
            </div>

            <section class="ep-fu-figure" aria-labelledby="fu-fig-phase">
              <h2 class="utrecht-heading-2" id="fu-fig-phase">
                {t("fig.casesPerPhase")}
              </h2>
              <div class="ep-fu-figure__body">
                <BarChart
                  title={t("fig.casesPerPhase")}
                  bars={f().casesPerPhase.map((p) => ({ label: t(`phase.${p.phase}`), value: p.count }))}
                />
                <ScrollTable label={t("fig.casesPerPhase")}>
                  <table class="ep-table">
                    <caption class="visually-hidden">{t("fig.casesPerPhase")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("fig.phase")}</th>
                        <th scope="col">{t("fig.count")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={f().casesPerPhase}>
                        {(p) => (
                          <tr>
                            <th scope="row">{t(`phase.${p.phase}`)}</th>
                            <td>{p.count}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </ScrollTable>
              </div>
            </section>

            <section class="ep-fu-figure" aria-labelledby="fu-fig-org">
              <h2 class="utrecht-heading-2" id="fu-fig-org">
                {t("fig.byOrg")}
              </h2>
              <div class="ep-fu-figure__body">
                <div>
                  <h3 class="utrecht-heading-4">{t("fig.lateByOrg")}</h3>
                  <BarChart
                    title={t("fig.lateByOrg")}
                    bars={f()
                      .byOrganisation.filter((o) => o.organisationId !== null || o.late > 0)
                      .map((o) => ({ label: orgName(o), value: o.late }))}
                  />
                  <h3 class="utrecht-heading-4">{t("fig.escByOrg")}</h3>
                  <BarChart
                    title={t("fig.escByOrg")}
                    bars={f().byOrganisation.map((o) => ({ label: orgName(o), value: o.escalations }))}
                  />
                </div>
                <ScrollTable label={t("fig.byOrg")}>
                  <table class="ep-table">
                    <caption class="visually-hidden">{t("fig.byOrg")}</caption>
                    <thead>
                      <tr>
                        <th scope="col">{t("fu.organisation")}</th>
                        <th scope="col">{t("fig.actionsDue")}</th>
                        <th scope="col">{t("fig.doneOnTime")}</th>
                        <th scope="col">{t("fig.lateCol")}</th>
                        <th scope="col">{t("fig.escCol")}</th>
                      </tr>
                    </thead>
                    <tbody>
                      <For each={f().byOrganisation}>
                        {(o) => (
                          <tr>
                            <th scope="row">{orgName(o)}</th>
                            <td>{o.actionsDue}</td>
                            <td>{o.doneOnTime}</td>
                            <td>{o.late}</td>
                            <td>{o.escalations}</td>
                          </tr>
                        )}
                      </For>
                    </tbody>
                  </table>
                </ScrollTable>
              </div>
            </section>
          </>
        )}
      </Show>
    </div>
  );
}
