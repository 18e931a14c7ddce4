/** The header of every case page: reference, household, phase, flags, and the tabs of the case. */
import { A } from "@solidjs/router";
import { For, Show } from "solid-js";
import { t } from "../i18n";
import type { CaseDetail } from "../lib/case";

/** Tabs of a case page; each feature adds its own (path relative to `/casussen/:caseId`). */
export const caseTabs: { path: string; key: string }[] = [
  { path: "", key: "caseTabs.plan" },
  { path: "/leden", key: "caseTabs.members" },
  { path: "/logboek", key: "caseTabs.audit" },
  { path: "/versies", key: "caseTabs.versions" },
  { path: "/verslagen", key: "caseTabs.minutes" },
  { path: "/fase", key: "caseTabs.phase" },
];

export function CaseHeader(props: { case: CaseDetail }) {
  return (
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
        <Show when={props.case.myRole}>
          {(role) => (
            <span class="ep-muted">
              {t("cases.myRole")}: {t(`role.${role()}`)}
            </span>
          )}
        </Show>
      </p>
      <nav aria-label={t("caseTabs.label")} class="ep-tabs">
        <ul>
          <For each={caseTabs}>
            {(tab) => (
              <li>
                <A href={`/casussen/${props.case.id}${tab.path}`} end>
                  {t(tab.key)}
                </A>
              </li>
            )}
          </For>
        </ul>
      </nav>
    </header>
  );
}
