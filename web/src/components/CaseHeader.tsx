/** The header of every case page (reference, household, phase, flags, tabs), or why the page cannot be shown. */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { BreakGlassAccesses } from "../features/access/BreakGlass";
import { t } from "../i18n";
import { ApiError } from "../lib/api";
import { type CaseDetail, type CaseMember, caseLead } from "../lib/case";
import { restrainingOrderText } from "../lib/restraining-order";

/** Tabs of a case page; each feature adds its own (path relative to `/casussen/:caseId`); `show` decides per case. */
export const caseTabs: { path: string; key: string; show?: (c: CaseDetail) => boolean }[] = [
  { path: "", key: "caseTabs.plan" },
  { path: "/leden", key: "caseTabs.members" },
  // Only the region's coordinator and admin may read the trail; others would find a refusal behind the tab.
  { path: "/logboek", key: "caseTabs.audit", show: (c) => c.permissions.viewAudit },
  { path: "/versies", key: "caseTabs.versions" },
  { path: "/verslagen", key: "caseTabs.minutes" },
  { path: "/fase", key: "caseTabs.phase" },
];

/** A member as the header names them: name, and their organisation when they have one. */
function Person(props: { member: CaseMember }) {
  return (
    <>
      <strong>{props.member.name}</strong>
      {props.member.organisation ? ` (${props.member.organisation.name})` : ""}
    </>
  );
}

/**
 * The header of a case page, and under it, for the chair and the case director, who read the case
 * by emergency access lately (outside the header, so the row of tabs stays its last line).
 */
export function CaseHeader(props: { case: CaseDetail }) {
  const tabs = () => caseTabs.filter((tab) => !tab.show || tab.show(props.case));
  // "1 gezin, 1 plan, 1 regisseur": who holds the lead is on every page of the case.
  const lead = () => caseLead(props.case.members);
  return (
    <>
      <header class="ep-case-header">
        <p class="ep-muted ep-case-header__ref">{props.case.reference}</p>
        <h1 class="utrecht-heading-1">{props.case.title}</h1>
        <p class="ep-case-header__meta">
          <span class="ep-badge">
            {t("cases.phase")}: {t(`phase.${props.case.phase}`)}
          </span>{" "}
          <For each={props.case.categories}>
            {(cat) => (
              <>
                <span class={cat === "intiem_terreur" ? "ep-badge ep-badge--danger" : "ep-badge"}>
                  {t(`category.${cat}`)}
                </span>{" "}
              </>
            )}
          </For>
          <Show when={props.case.restrainingOrderUntil}>
            {(until) => (
              <>
                <span class="ep-badge ep-badge--danger">{restrainingOrderText(until())}</span>{" "}
              </>
            )}
          </Show>
          <Show when={props.case.myRole}>
            {(role) => (
              <span class="ep-muted">
                {t("cases.myRole")}: {t(`role.${role()}`)}
              </span>
            )}
          </Show>
        </p>
        <p class="ep-case-header__lead" data-testid="case-lead">
          <Show when={lead().director} fallback={<span>{t("caseHeader.noDirector")}</span>}>
            {(director) => (
              <span>
                {t("role.caseDirector")}: <Person member={director()} />
              </span>
            )}
          </Show>
          <Show when={lead().chairs.length > 0} fallback={<span>{t("caseHeader.noChair")}</span>}>
            <span>
              {t("role.chair")}:{" "}
              <For each={lead().chairs}>
                {(chair, i) => (
                  <>
                    {i() > 0 ? ", " : ""}
                    <Person member={chair} />
                  </>
                )}
              </For>
            </span>
          </Show>
        </p>
        <nav aria-label={t("caseTabs.label")} class="ep-tabs">
          <ul>
            <For each={tabs()}>
              {(tab) => (
                <li>
                  {/* The plan tab only on the plan; the others also on the pages under them (a minutes page). */}
                  <A href={`/casussen/${props.case.id}${tab.path}`} end={tab.path === ""}>
                    {t(tab.key)}
                  </A>
                </li>
              )}
            </For>
          </ul>
        </nav>
      </header>
      <Show when={props.case.breakGlassAccesses}>
        {(accesses) => <BreakGlassAccesses accesses={accesses()} />}
      </Show>
    </>
  );
}

/**
 * In place of a case page the user may not see: a 404 (no such case, or not a member; the server
 * does not tell which) or a 403, as an alert, with the way back to the cases.
 */
export function CaseUnavailable(props: { error: unknown; forbidden?: string }) {
  const status = () => (props.error instanceof ApiError ? props.error.status : 0);
  const text = () => {
    if (status() === 404) return t("caseAccess.notFound");
    if (status() === 403) return props.forbidden ?? t("access.forbidden");
    return t("app.error");
  };
  return (
    <div class="ep-stack">
      <p role="alert" class="ep-warning">
        {text()}
      </p>
      <p>
        <A href="/casussen">{t("caseAccess.backToCases")}</A>
      </p>
    </div>
  );
}
