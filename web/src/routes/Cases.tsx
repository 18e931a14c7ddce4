/** The case list: every case the user may see, with phase, flags and their role. */
import { A } from "@solidjs/router";
import { createResource, For, onMount, Show, Suspense } from "solid-js";
import { ScrollTable } from "../components/ScrollTable";
import { NewCaseForm } from "../features/access/NewCaseForm";
import { countText } from "../features/followup/parts";
import type { DestroyedNotice } from "../features/followup/Retention";
import { formatDate, t } from "../i18n";
import { api } from "../lib/api";
import type { CaseRetention } from "../lib/case";
import { daysSince } from "../lib/days";
import { useOnceState } from "../lib/once-state";
import {
  conferenceAfterRestrainingOrder,
  restrainingOrderEndsSoon,
  restrainingOrderText,
} from "../lib/restraining-order";
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

/**
 * A huisverbod that ends within two days (its chair and case director are reminded too), or that
 * ends before the next conference, which should fall while it holds: one line saying either or both.
 */
function RestrainingOrderWarning(props: { case: CaseSummary }) {
  const text = () => {
    const until = props.case.restrainingOrderUntil;
    if (!until) return "";
    const late = conferenceAfterRestrainingOrder(until, props.case.nextConferenceAt);
    if (restrainingOrderEndsSoon(until)) {
      return late
        ? `${restrainingOrderText(until)}: ${t("huisverbod.planBeforeShort")}`
        : restrainingOrderText(until);
    }
    return late ? t("huisverbod.planBefore", { date: formatDate(until) }) : "";
  };
  return (
    <Show when={text()}>
      <br />
      <strong class="ep-text-warning">{text()}</strong>
    </Show>
  );
}

export function Cases() {
  const [list] = createResource(() => api.get<{ cases: CaseSummary[] }>("/cases"));
  const isCoordinator = () => me()?.globalRole === "coordinator";
  // The procesregisseur sees every case of the region, not only those she is on.
  const title = () => t(isCoordinator() ? "cases.titleRegion" : "cases.title");
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{title()}</h1>
      <NoticeMessage />
      <Show when={isCoordinator()}>
        <NewCaseForm />
      </Show>
      <Suspense fallback={<p>{t("app.loading")}</p>}>
        <Show when={(list()?.cases.length ?? 0) > 0} fallback={<p>{t("cases.empty")}</p>}>
          <ScrollTable label={title()}>
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
                      <PhaseCell case={c} coordinator={isCoordinator()} />
                      <CategoriesCell case={c} />
                      <NextConferenceCell case={c} />
                      <td>{c.myRole ? t(`role.${c.myRole}`) : t("access.coordinatorNotMember")}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollTable>
        </Show>
      </Suspense>
    </div>
  );
}

/** What a page that sends someone to the case list may pass in the history state, to be said there. */
export interface CasesNotice extends Partial<DestroyedNotice> {
  /** The start password was replaced by one of their own (the first login ends here). */
  passwordChanged?: boolean;
}

/**
 * "Dossier … is vernietigd." after the phase page destroyed a case (it passes the reference in the
 * history state), "Uw wachtwoord is gewijzigd." after the first login's new password. The keyboard
 * lands on it; the state is cleared, so a reload does not say it again.
 */
function NoticeMessage() {
  const notice = useOnceState<CasesNotice>();
  const text = notice?.destroyed
    ? t("cases.destroyed", { reference: notice.destroyed })
    : notice?.passwordChanged
      ? t("password.changed")
      : undefined;
  let message: HTMLParagraphElement | undefined;
  onMount(() => {
    if (text) message?.focus();
  });
  return (
    <Show when={text}>
      {(said) => (
        <p ref={message} class="ep-notice ep-notice--done" role="status" tabindex="-1">
          {said()}
        </p>
      )}
    </Show>
  );
}

/** The phase; a closed case says until when it is kept, and the coordinator finds the files due. */
function PhaseCell(props: { case: CaseSummary; coordinator: boolean }) {
  return (
    <td>
      <Show when={props.case.retention} fallback={t(`phase.${props.case.phase}`)}>
        {(r) => (
          <>
            {t("cases.closedKeep", {
              phase: t(`phase.${props.case.phase}`),
              until: formatDate(r().until),
            })}
            {/* The coordinator finds here the files that may now be destroyed, and goes there. */}
            <Show when={props.coordinator && r().due}>
              {" "}
              <A class="ep-badge ep-badge--danger ep-badge--link" href={`/casussen/${props.case.id}/fase`}>
                {t("cases.retentionDue")}
              </A>
            </Show>
          </>
        )}
      </Show>
    </td>
  );
}

/** The categories, with "Voorrang" for those that allow no waiting list. */
function CategoriesCell(props: { case: CaseSummary }) {
  return (
    <td>
      <Show when={props.case.prioritised}>
        <span class="ep-badge ep-badge--warning">{t("cases.priority")}</span>{" "}
      </Show>
      <For each={props.case.categories}>
        {(cat) => (
          <span class={cat === "intiem_terreur" ? "ep-badge ep-badge--danger" : "ep-badge"}>
            {t(`category.${cat}`)}
          </span>
        )}
      </For>
    </td>
  );
}

/** The next conference; or how long a prioritised case has waited; and whether it falls after the huisverbod. */
function NextConferenceCell(props: { case: CaseSummary }) {
  return (
    <td>
      <Show
        when={props.case.nextConferenceAt}
        fallback={
          // No waiting list for a prioritised case: say how long it has waited for its first conference.
          <Show
            when={
              props.case.prioritised && props.case.awaitingFirstConference && props.case.phase !== "gesloten"
            }
            fallback={<span class="ep-muted">{t("cases.notPlanned")}</span>}
          >
            <strong class="ep-text-warning">
              {daysSince(props.case.registeredAt) === 0
                ? t("cases.waitingToday")
                : countText("cases.waiting", daysSince(props.case.registeredAt))}
            </strong>
          </Show>
        }
      >
        {(at) => <>{formatDate(at(), true)}</>}
      </Show>
      <RestrainingOrderWarning case={props.case} />
    </td>
  );
}
