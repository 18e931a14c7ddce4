/**
 * Version history of the plan (`/casussen/:caseId/versies`): adopted versions, one read back, and
 * a version compared with now or with another version.
 */
import { useNavigate, useParams, useSearchParams } from "@solidjs/router";
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  For,
  Match,
  on,
  Show,
  Switch,
} from "solid-js";
import { sectionTemplate } from "../../../shared/plan";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { ScrollTable } from "../components/ScrollTable";
import { parseVersionText, TextBlocks } from "../features/plan/VersionText";
import { formatDate, locale, t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { createCase } from "../lib/case";
import { refocusIfLost } from "../lib/focus";
import { Field } from "../lib/form";
import { settled } from "../lib/resource";

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
  number: number;
  createdAt: string;
  /** The other version; null when compared with the current plan. */
  with: { number: number; createdAt: string } | null;
  sections: { key: string; title: string; lines: { op: "same" | "added" | "removed"; text: string }[] }[];
}

/** The versions, the newest (highest number) first. */
const newestFirst = (versions: VersionSummary[]) => [...versions].sort((a, b) => b.number - a.number);

/** A version number from the address (1, 2, …), else undefined. */
function versionNumber(raw: string | undefined): number | undefined {
  const n = Number(raw);
  return raw && Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * The page. `?versie=n` reads one version; `?versie=n&vergelijk=nu` compares it with the current
 * plan; `?versie=n&vergelijk=m` compares version n (the older) with version m (the newer).
 */
export function PlanVersions() {
  const params = useParams();
  const [search] = useSearchParams<{ versie?: string; vergelijk?: string }>();
  let page: HTMLDivElement | undefined;
  const [caseResource] = createCase(() => params.caseId);
  const caseData = () => settled(caseResource);
  const [versions] = createResource(
    () => params.caseId,
    (id) => api.get<{ versions: VersionSummary[] }>(`/cases/${id}/plan/versions`),
  );
  const chosen = () => versionNumber(search.versie);
  /** The version to compare with: a number, `null` for the current plan, undefined for no comparison. */
  const compared = () => (search.vergelijk ? (versionNumber(search.vergelijk) ?? null) : undefined);
  const base = () => `/casussen/${params.caseId}/versies`;
  // A move between the list, a version and a comparison keeps the path, so the layout, which
  // follows the path, leaves the focus alone: the link used is gone, and this view's heading takes it.
  createEffect(
    on(
      () => [search.versie, search.vergelijk],
      () => refocusIfLost(() => page?.querySelector<HTMLElement>("h2[tabindex]")),
      { defer: true },
    ),
  );

  return (
    <div class="ep-stack" ref={page}>
      <Show when={caseData()}>{(c) => <CaseHeader case={c()} />}</Show>
      <Switch>
        <Match when={caseResource.error}>
          {(err) => (
            <>
              <h1 class="utrecht-heading-1">{t("versions.title")}</h1>
              <CaseUnavailable error={err()} />
            </>
          )}
        </Match>
        <Match when={chosen() && compared() !== undefined}>
          <VersionDiffView
            caseId={params.caseId}
            n={chosen() as number}
            with={compared() ?? null}
            adopted={(n) => settled(versions)?.versions.find((v) => v.number === n)?.createdAt}
            back={base()}
          />
        </Match>
        <Match when={chosen()}>{(n) => <VersionView caseId={params.caseId} n={n()} back={base()} />}</Match>
        <Match when={true}>
          <h2 class="utrecht-heading-2" tabIndex={-1}>
            {t("versions.title")}
          </h2>
          <p>{t("versions.intro")}</p>
          <Switch fallback={<p>{t("app.loading")}</p>}>
            <Match when={versions.error}>{(err) => <CaseUnavailable error={err()} />}</Match>
            <Match when={versions()?.versions.length === 0}>
              <p>{t("versions.empty")}</p>
            </Match>
            <Match when={versions()}>
              {(v) => {
                const rows = createMemo(() => newestFirst(v().versions));
                return (
                  <>
                    <ScrollTable label={t("versions.title")}>
                      <table class="ep-table ep-plan-versions">
                        <thead>
                          <tr>
                            <th scope="col">{t("versions.number", { n: "" }).trim()}</th>
                            <th scope="col">{t("versions.createdAt")}</th>
                            <th scope="col">{t("versions.createdBy")}</th>
                            <th scope="col">{t("versions.conference")}</th>
                            <th scope="col">
                              <span class="visually-hidden">{t("versions.links")}</span>
                            </th>
                          </tr>
                        </thead>
                        <tbody>
                          <For each={rows()}>
                            {(row, i) => (
                              <tr>
                                <th scope="row">{t("versions.number", { n: row.number })}</th>
                                <td>{formatDate(row.createdAt, true)}</td>
                                <td>{row.createdBy?.name ?? "—"}</td>
                                <td>
                                  <Show when={row.conferenceId} fallback={t("versions.noConference")}>
                                    {(conferenceId) => (
                                      <a href={`/casussen/${params.caseId}/verslagen/${conferenceId()}`}>
                                        {t("versions.minutes")}
                                        <span class="visually-hidden">
                                          {" "}
                                          {t("versions.minutesOf", { n: row.number })}
                                        </span>
                                      </a>
                                    )}
                                  </Show>
                                </td>
                                <td class="ep-plan-versions__links">
                                  <a href={`${base()}?versie=${row.number}`}>
                                    {t("versions.read")}
                                    <span class="visually-hidden">
                                      {" "}
                                      {t("versions.number", { n: row.number })}
                                    </span>
                                  </a>{" "}
                                  <a href={`${base()}?versie=${row.number}&vergelijk=nu`}>
                                    {t("versions.diff")}
                                    <span class="visually-hidden">
                                      {" "}
                                      ({t("versions.number", { n: row.number })})
                                    </span>
                                  </a>{" "}
                                  <Show when={rows()[i() + 1]}>
                                    {(previous) => (
                                      <a
                                        href={`${base()}?versie=${previous().number}&vergelijk=${row.number}`}
                                      >
                                        {t("versions.diffPrevious")}
                                        <span class="visually-hidden">
                                          {" "}
                                          ({t("versions.pair", { n: previous().number, m: row.number })})
                                        </span>
                                      </a>
                                    )}
                                  </Show>
                                </td>
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </ScrollTable>
                    <Show when={rows().length > 1}>
                      <ComparePicker versions={rows()} base={base()} />
                    </Show>
                  </>
                );
              }}
            </Match>
          </Switch>
        </Match>
      </Switch>
    </div>
  );
}

/** Any two versions chosen by the keyboard or the mouse, compared: the older one is the starting point. */
function ComparePicker(props: { versions: VersionSummary[]; base: string }) {
  const navigate = useNavigate();
  // The newest version and the one before it, the comparison a review conference starts with.
  const [older, setOlder] = createSignal(props.versions[1].number);
  const [newer, setNewer] = createSignal(props.versions[0].number);
  const [problem, setProblem] = createSignal<string>();
  // With the time, as the table gives it: one conference can adopt several versions in a day.
  // The month short, so the choice fits a phone's width.
  const label = (v: VersionSummary) =>
    `${t("versions.number", { n: v.number })} (${formatDate(v.createdAt, true, "short")})`;
  const options = (chosen: () => number) => (
    <For each={props.versions}>
      {(v) => (
        <option value={v.number} selected={v.number === chosen()}>
          {label(v)}
        </option>
      )}
    </For>
  );
  const submit = (e: SubmitEvent) => {
    e.preventDefault();
    const [n, m] = [older(), newer()].sort((a, b) => a - b);
    if (n === m) {
      setProblem(t("versions.pickTwo"));
      document.getElementById("compare-newer")?.focus();
      return;
    }
    navigate(`${props.base}?versie=${n}&vergelijk=${m}`);
  };
  return (
    <form
      class="ep-card ep-inline-form ep-plan-versions-compare"
      noValidate
      onSubmit={submit}
      aria-labelledby="compare-title"
    >
      <h3 class="utrecht-heading-3" id="compare-title">
        {t("versions.compareTitle")}
      </h3>
      <Field id="compare-older" label={t("versions.older")}>
        <select
          id="compare-older"
          class="utrecht-select utrecht-select--html-select"
          onChange={(e) => {
            setOlder(Number(e.currentTarget.value));
            setProblem(undefined);
          }}
        >
          {options(older)}
        </select>
      </Field>
      <Field id="compare-newer" label={t("versions.newer")} error={problem()}>
        {(control) => (
          <select
            {...control}
            class="utrecht-select utrecht-select--html-select"
            onChange={(e) => {
              setNewer(Number(e.currentTarget.value));
              setProblem(undefined);
            }}
          >
            {options(newer)}
          </select>
        )}
      </Field>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        {t("versions.compare")}
      </button>
    </form>
  );
}

/** Why one version cannot be shown; the case itself loaded, so the way back is the list of versions. */
function VersionProblem(props: { error: unknown }) {
  const status = () => (props.error instanceof ApiError ? props.error.status : 0);
  return (
    <p role="alert" class="ep-warning">
      {status() === 404
        ? t("caseAccess.versionNotFound")
        : status() === 403
          ? t("access.forbidden")
          : t("app.error")}
    </p>
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
      <h2 class="utrecht-heading-2" tabIndex={-1}>
        {t("versions.number", { n: props.n })}
      </h2>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={version.error}>{(err) => <VersionProblem error={err()} />}</Match>
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
                    <Show when={s.text.trim()} fallback={<p>{t("versions.emptySection")}</p>}>
                      <div class="ep-plan-version-text">
                        <TextBlocks blocks={parseVersionText(s.text)} />
                      </div>
                    </Show>
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

/**
 * A line of the plan's text as the comparison shows it: a point of a list (written "- " in the
 * text) with a bullet, since a leading "- " reads like the "− verwijderd" marker beside it.
 */
const shown = (text: string) => text.replace(/^(\s*)- /, "$1• ");

/**
 * The difference between version n and the current plan, or between version n (the older) and
 * version `with` (the newer), line by line, in words and colour. `adopted` gives a version's date
 * when the list of versions has it.
 */
function VersionDiffView(props: {
  caseId: string;
  n: number;
  with: number | null;
  adopted: (n: number) => string | undefined;
  back: string;
}) {
  const [diff] = createResource(
    () => [props.caseId, props.n, props.with] as const,
    ([id, n, m]) =>
      api.get<VersionDiff>(`/cases/${id}/plan/versions/${n}/diff${m === null ? "" : `?with=${m}`}`),
  );
  /**
   * "versie 3 van 22 november 2026", or only the number while the date is not known: from the list
   * of versions, which a move from it has already, else from the comparison once it has come.
   */
  const named = (n: number) => {
    const d = settled(diff);
    const date = props.adopted(n) ?? (d && [d, d.with].find((v) => v?.number === n)?.createdAt);
    return date ? t("versions.numberOf", { n, date: formatDate(date) }) : t("versions.numberInText", { n });
  };
  return (
    <div class="ep-stack">
      <p>
        <a href={props.back}>{t("versions.back")}</a>
      </p>
      <Show
        when={props.with}
        fallback={
          <>
            <h2 class="utrecht-heading-2" tabIndex={-1}>
              {t("versions.diffTitle", { n: props.n })}
            </h2>
            <p>{t("versions.diffLegend", { n: props.n })}</p>
          </>
        }
      >
        {(m) => (
          <>
            <h2 class="utrecht-heading-2" tabIndex={-1}>
              {t("versions.diffVersionsTitle", { from: named(props.n), to: named(m()) })}
            </h2>
            <p>{t("versions.diffVersionsLegend", { n: props.n, m: m() })}</p>
          </>
        )}
      </Show>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={diff.error}>{(err) => <VersionProblem error={err()} />}</Match>
        <Match when={diff()}>{(d) => <DiffSections sections={d().sections} />}</Match>
      </Switch>
    </div>
  );
}

/** Whether a section's text differs between the two sides of a comparison. */
const differs = (s: VersionDiff["sections"][number]) => s.lines.some((l) => l.op !== "same");

/**
 * The sections of a comparison: those that changed first, each under its heading, then one line
 * naming those without differences, so the change is not lost among a dozen "no differences".
 */
function DiffSections(props: { sections: VersionDiff["sections"] }) {
  const changed = createMemo(() => props.sections.filter(differs));
  const unchanged = createMemo(() => props.sections.filter((s) => !differs(s)));
  return (
    <Show when={changed().length > 0} fallback={<p>{t("versions.noChangesAtAll")}</p>}>
      <For each={changed()}>
        {(s) => (
          <section class="ep-plan-version-section">
            <h3 class="utrecht-heading-3">{titleOf(s)}</h3>
            <ul class="ep-plan-diff">
              <For each={s.lines}>
                {(line) => (
                  <li class={`ep-plan-diff__line ep-plan-diff__line--${line.op}`}>
                    <Show when={line.op !== "same"}>
                      <span class="ep-plan-diff__op">
                        {line.op === "added" ? `+ ${t("versions.added")}` : `− ${t("versions.removed")}`}
                      </span>{" "}
                    </Show>
                    <Switch fallback={<span>{shown(line.text)}</span>}>
                      <Match when={line.op === "added"}>
                        <ins>{shown(line.text)}</ins>
                      </Match>
                      <Match when={line.op === "removed"}>
                        <del>{shown(line.text)}</del>
                      </Match>
                    </Switch>
                  </li>
                )}
              </For>
            </ul>
          </section>
        )}
      </For>
      <Show when={unchanged().length > 0}>
        <p class="ep-plan-diff-unchanged">
          {t("versions.unchangedIn", { titles: unchanged().map(titleOf).join(", ") })}
        </p>
      </Show>
    </Show>
  );
}
