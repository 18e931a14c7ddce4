/** The case list: every case the user may see, with phase, flags and their role. */
import { A, useLocation, useNavigate } from "@solidjs/router";
import { createResource, For, onMount, Show, Suspense } from "solid-js";
import { amsterdamDate } from "../../../shared/dates";
import { NewCaseForm } from "../features/access/NewCaseForm";
import { countText } from "../features/followup/parts";
import type { DestroyedNotice } from "../features/followup/Retention";
import { formatDate, t } from "../i18n";
import { api } from "../lib/api";
import type { CaseRetention } from "../lib/case";
import { conferenceAfterRestrainingOrder } from "../lib/restraining-order";
import { me } from "../lib/session";

/** A case as the list shows it. */
export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  phase: string;
  categories: string[];
  myRole: string | null;
  /** `null` while the case is not closed. */
  retention: CaseRetention | null;
  registeredAt: string;
  /** A category that allows no waiting list (children, elder abuse, honour, huisverbod). */
  prioritised: boolean;
  /** The next scheduled or running conference. */
  nextConferenceAt: string | null;
  /** No conference held or planned yet. */
  awaitingFirstConference: boolean;
  /** The last day of the huisverbod in force, or null. */
  restrainingOrderUntil: string | null;
}

/** Whole days from a case's registration until today (Amsterdam calendar days). */
const daysSince = (instant: string) =>
  Math.round(
    (Date.parse(amsterdamDate(new Date())) - Date.parse(amsterdamDate(new Date(instant)))) / 86_400_000,
  );

export function Cases() {
  const [list] = createResource(() => api.get<{ cases: CaseSummary[] }>("/cases"));
  const isCoordinator = () => me()?.globalRole === "coordinator";
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("cases.title")}</h1>
      <DestroyedMessage />
      <Show when={isCoordinator()}>
        <NewCaseForm />
      </Show>
      <Suspense fallback={<p>{t("app.loading")}</p>}>
        <Show when={(list()?.cases.length ?? 0) > 0} fallback={<p>{t("cases.empty")}</p>}>
          <table class="ep-table">
            <thead>
              <tr>
                <th scope="col">{t("cases.reference")}</th>
                <th scope="col">{t("cases.household")}</th>
                <th scope="col">{t("cases.phase")}</th>
                <th scope="col">{t("cases.categories")}</th>
                <th scope="col">{t("cases.nextConference")}</th>
                <th scope="col">{t("cases.myRole")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={list()?.cases}>
                {(c) => (
                  <tr>
                    <td>
                      <A href={`/casussen/${c.id}`}>{c.reference}</A>
                    </td>
                    <td>{c.title}</td>
                    <td>
                      <Show when={c.retention} fallback={t(`phase.${c.phase}`)}>
                        {(r) => (
                          <>
                            {t("cases.closedKeep", {
                              phase: t(`phase.${c.phase}`),
                              until: formatDate(r().until),
                            })}
                            {/* The coordinator finds here the files that may now be destroyed, and goes there. */}
                            <Show when={isCoordinator() && r().due}>
                              {" "}
                              <A
                                class="ep-badge ep-badge--danger ep-badge--link"
                                href={`/casussen/${c.id}/fase`}
                              >
                                {t("cases.retentionDue")}
                              </A>
                            </Show>
                          </>
                        )}
                      </Show>
                    </td>
                    <td>
                      <Show when={c.prioritised}>
                        <span class="ep-badge ep-badge--warning">{t("cases.priority")}</span>{" "}
                      </Show>
                      <For each={c.categories}>
                        {(cat) => (
                          <span class={cat === "intiem_terreur" ? "ep-badge ep-badge--danger" : "ep-badge"}>
                            {t(`category.${cat}`)}
                          </span>
                        )}
                      </For>
                    </td>
                    <td>
                      <Show
                        when={c.nextConferenceAt}
                        fallback={
                          // No waiting list for a prioritised case: say how long it has waited for its first conference.
                          <Show
                            when={c.prioritised && c.awaitingFirstConference && c.phase !== "gesloten"}
                            fallback={<span class="ep-muted">{t("cases.notPlanned")}</span>}
                          >
                            <strong class="ep-text-warning">
                              {daysSince(c.registeredAt) === 0
                                ? t("cases.waitingToday")
                                : countText("cases.waiting", daysSince(c.registeredAt))}
                            </strong>
                          </Show>
                        }
                      >
                        {(at) => formatDate(at(), true)}
                      </Show>
                      {/* The conference should fall while the huisverbod holds: say so when it does not. */}
                      <Show
                        when={conferenceAfterRestrainingOrder(c.restrainingOrderUntil, c.nextConferenceAt)}
                      >
                        <br />
                        <strong class="ep-text-warning">
                          {t("huisverbod.planBefore", {
                            date: formatDate(c.restrainingOrderUntil as string),
                          })}
                        </strong>
                      </Show>
                    </td>
                    <td>{c.myRole ? t(`role.${c.myRole}`) : t("cases.regionRole")}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Suspense>
    </div>
  );
}

/**
 * "Dossier … is vernietigd." after the phase page destroyed a case (it passes the reference in the
 * history state). The keyboard lands on it; the state is cleared, so a reload does not say it again.
 */
function DestroyedMessage() {
  const location = useLocation<DestroyedNotice | undefined>();
  const navigate = useNavigate();
  const destroyed = location.state?.destroyed;
  let message: HTMLParagraphElement | undefined;
  onMount(() => {
    if (!destroyed) return;
    navigate(location.pathname, { replace: true, scroll: false, state: undefined });
    message?.focus();
  });
  return (
    <Show when={destroyed}>
      {(reference) => (
        <p ref={message} class="ep-notice ep-notice--done" role="status" tabindex="-1">
          {t("cases.destroyed", { reference: reference() })}
        </p>
      )}
    </Show>
  );
}
