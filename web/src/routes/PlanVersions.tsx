/** Version history of the plan (`/casussen/:caseId/versies`): adopted versions, one read back, a diff with now. */
import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, For, Match, Show, Switch } from "solid-js";
import { sectionTemplate } from "../../../shared/plan";
import { CaseHeader } from "../components/CaseHeader";
import { formatDate, locale, t } from "../i18n";
import { api } from "../lib/api";
import { createCase } from "../lib/case";

/** A section's title in the current language (the API answers in Dutch). */
function titleOf(s: { key: string; title: string }): string {
  return sectionTemplate(s.key)?.title[locale()] ?? s.title;
}

interface VersionSummary {
  number: number;
  createdAt: string;
  conferenceId: string | null;
  createdBy: { id: string; name: string } | null;
}
interface VersionDetail {
  number: number;
  createdAt: string;
  conferenceId: string | null;
  sections: { key: string; title: string; text: string }[];
}
interface VersionDiff {
  sections: { key: string; title: string; lines: { op: "same" | "added" | "removed"; text: string }[] }[];
}

/** The page; `?versie=n` reads one version, `?versie=n&vergelijk=1` compares it with the current plan. */
export function PlanVersions() {
  const params = useParams();
  const [search] = useSearchParams<{ versie?: string; vergelijk?: string }>();
  const [caseData] = createCase(() => params.caseId);
  const [versions] = createResource(
    () => params.caseId,
    (id) => api.get<{ versions: VersionSummary[] }>(`/cases/${id}/plan/versions`),
  );
  const chosen = () => {
    const n = Number(search.versie);
    return Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const base = () => `/casussen/${params.caseId}/versies`;

  return (
    <div class="ep-stack">
      <Show when={caseData()}>{(c) => <CaseHeader case={c()} />}</Show>
      <Switch>
        <Match when={chosen() && search.vergelijk}>
          <VersionDiffView caseId={params.caseId} n={chosen() as number} back={base()} />
        </Match>
        <Match when={chosen()}>{(n) => <VersionView caseId={params.caseId} n={n()} back={base()} />}</Match>
        <Match when={true}>
          <h2 class="utrecht-heading-2">{t("versions.title")}</h2>
          <p>{t("versions.intro")}</p>
          <Switch fallback={<p>{t("app.loading")}</p>}>
            <Match when={versions.error}>
              <p role="alert">{t("app.error")}</p>
            </Match>
            <Match when={versions()?.versions.length === 0}>
              <p>{t("versions.empty")}</p>
            </Match>
            <Match when={versions()}>
              {(v) => (
                <table class="ep-table ep-plan-versions">
                  <thead>
                    <tr>
                      <th scope="col">{t("versions.number", { n: "" }).trim()}</th>
                      <th scope="col">{t("versions.createdAt")}</th>
                      <th scope="col">{t("versions.createdBy")}</th>
                      <th scope="col">{t("versions.conference")}</th>
                      <th scope="col">
                        <span class="visually-hidden">{t("versions.read")}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={[...v().versions].sort((a, b) => b.number - a.number)}>
                      {(row) => (
                        <tr>
                          <th scope="row">{t("versions.number", { n: row.number })}</th>
                          <td>{formatDate(row.createdAt, true)}</td>
                          <td>{row.createdBy?.name ?? "—"}</td>
                          <td>{row.conferenceId ? t("versions.yes") : t("versions.no")}</td>
                          <td class="ep-plan-versions__links">
                            <a href={`${base()}?versie=${row.number}`}>
                              {t("versions.read")}
                              <span class="visually-hidden"> {t("versions.number", { n: row.number })}</span>
                            </a>{" "}
                            <a href={`${base()}?versie=${row.number}&vergelijk=1`}>
                              {t("versions.diff")}
                              <span class="visually-hidden">
                                {" "}
                                ({t("versions.number", { n: row.number })})
                              </span>
                            </a>
                          </td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              )}
            </Match>
          </Switch>
        </Match>
      </Switch>
    </div>
  );
}

/** One adopted version, section by section. */
function VersionView(props: { caseId: string; n: number; back: string }) {
  const [version] = createResource(
    () => [props.caseId, props.n] as const,
    ([id, n]) => api.get<VersionDetail>(`/cases/${id}/plan/versions/${n}`),
  );
  return (
    <div class="ep-stack">
      <p>
        <a href={props.back}>{t("versions.back")}</a>
      </p>
      <h2 class="utrecht-heading-2">{t("versions.number", { n: props.n })}</h2>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={version.error}>
          <p role="alert">{t("app.error")}</p>
        </Match>
        <Match when={version()}>
          {(v) => (
            <>
              <p class="ep-muted">
                {t("versions.createdAt")} {formatDate(v().createdAt, true)}
              </p>
              <For each={v().sections}>
                {(s) => (
                  <section class="ep-plan-version-section">
                    <h3 class="utrecht-heading-3">{titleOf(s)}</h3>
                    <p class="ep-plan-version-text">{s.text.trim() || t("versions.emptySection")}</p>
                  </section>
                )}
              </For>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}

/** The difference between a version and the current plan, line by line, in words and colour. */
function VersionDiffView(props: { caseId: string; n: number; back: string }) {
  const [diff] = createResource(
    () => [props.caseId, props.n] as const,
    ([id, n]) => api.get<VersionDiff>(`/cases/${id}/plan/versions/${n}/diff`),
  );
  return (
    <div class="ep-stack">
      <p>
        <a href={props.back}>{t("versions.back")}</a>
      </p>
      <h2 class="utrecht-heading-2">{t("versions.diffTitle", { n: props.n })}</h2>
      <p>{t("versions.diffLegend", { n: props.n })}</p>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={diff.error}>
          <p role="alert">{t("app.error")}</p>
        </Match>
        <Match when={diff()}>
          {(d) => (
            <For each={d().sections}>
              {(s) => (
                <section class="ep-plan-version-section">
                  <h3 class="utrecht-heading-3">{titleOf(s)}</h3>
                  <Show
                    when={s.lines.some((l) => l.op !== "same")}
                    fallback={<p class="ep-muted">{t("versions.noChanges")}</p>}
                  >
                    <ul class="ep-plan-diff">
                      <For each={s.lines}>
                        {(line) => (
                          <li class={`ep-plan-diff__line ep-plan-diff__line--${line.op}`}>
                            <Show when={line.op !== "same"}>
                              <span class="ep-plan-diff__op">
                                {line.op === "added"
                                  ? `+ ${t("versions.added")}`
                                  : `− ${t("versions.removed")}`}
                              </span>{" "}
                            </Show>
                            <Switch fallback={<span>{line.text}</span>}>
                              <Match when={line.op === "added"}>
                                <ins>{line.text}</ins>
                              </Match>
                              <Match when={line.op === "removed"}>
                                <del>{line.text}</del>
                              </Match>
                            </Switch>
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </section>
              )}
            </For>
          )}
        </Match>
      </Switch>
    </div>
  );
}
