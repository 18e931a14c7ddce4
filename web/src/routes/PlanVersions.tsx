/** Version history of the plan (`/casussen/:caseId/versies`): adopted versions, one read back, a diff with now. */
import { useParams, useSearchParams } from "@solidjs/router";
import { createResource, For, type JSX, Match, Show, Switch } from "solid-js";
import { sectionTemplate } from "../../../shared/plan";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { ScrollTable } from "../components/ScrollTable";
import { formatDate, locale, t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { createCase } from "../lib/case";
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
  sections: { key: string; title: string; lines: { op: "same" | "added" | "removed"; text: string }[] }[];
}

/** The page; `?versie=n` reads one version, `?versie=n&vergelijk=1` compares it with the current plan. */
export function PlanVersions() {
  const params = useParams();
  const [search] = useSearchParams<{ versie?: string; vergelijk?: string }>();
  const [caseResource] = createCase(() => params.caseId);
  const caseData = () => settled(caseResource);
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
        <Match when={caseResource.error}>
          {(err) => (
            <>
              <h1 class="utrecht-heading-1">{t("versions.title")}</h1>
              <CaseUnavailable error={err()} />
            </>
          )}
        </Match>
        <Match when={chosen() && search.vergelijk}>
          <VersionDiffView caseId={params.caseId} n={chosen() as number} back={base()} />
        </Match>
        <Match when={chosen()}>{(n) => <VersionView caseId={params.caseId} n={n()} back={base()} />}</Match>
        <Match when={true}>
          <h2 class="utrecht-heading-2">{t("versions.title")}</h2>
          <p>{t("versions.intro")}</p>
          <Switch fallback={<p>{t("app.loading")}</p>}>
            <Match when={versions.error}>{(err) => <CaseUnavailable error={err()} />}</Match>
            <Match when={versions()?.versions.length === 0}>
              <p>{t("versions.empty")}</p>
            </Match>
            <Match when={versions()}>
              {(v) => (
                <ScrollTable label={t("versions.title")}>
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
                                <span class="visually-hidden">
                                  {" "}
                                  {t("versions.number", { n: row.number })}
                                </span>
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
                </ScrollTable>
              )}
            </Match>
          </Switch>
        </Match>
      </Switch>
    </div>
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

/** A block of a version's text, as the server's plain-text rendering (server/collab/render.ts) marks it. */
type TextBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "rule" }
  | { kind: "quote"; blocks: TextBlock[] }
  | { kind: "list"; ordered: boolean; start: number; items: TextBlock[][] };

/** "- " or "N. " at the start of a line ("-" or "N." alone for an empty item). */
const itemMarker = /^(-|(\d+)\.)( |$)/;

/**
 * The blocks of a version's text: one line per paragraph; list items marked "- " or "N. " with
 * their further lines indented by the marker's width; "> " before quoted lines; "---" a rule.
 */
function parseVersionText(text: string): TextBlock[] {
  const lines = text.split("\n");
  const blocks: TextBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (line.startsWith(">")) {
      const quoted: string[] = [];
      while (i < lines.length && lines[i].startsWith(">")) quoted.push(lines[i++].replace(/^> ?/, ""));
      blocks.push({ kind: "quote", blocks: parseVersionText(quoted.join("\n")) });
      continue;
    }
    const first = itemMarker.exec(line);
    if (first) {
      const ordered = first[2] !== undefined;
      const list: TextBlock = { kind: "list", ordered, start: ordered ? Number(first[2]) : 1, items: [] };
      for (
        let m: RegExpExecArray | null = first;
        m && (m[2] !== undefined) === ordered;
        m = itemMarker.exec(lines[i] ?? "")
      ) {
        const hang = " ".repeat(m[1].length + 1);
        const item = [lines[i++].slice(hang.length)];
        while (i < lines.length && lines[i].startsWith(hang)) item.push(lines[i++].slice(hang.length));
        list.items.push(parseVersionText(item.join("\n")));
      }
      blocks.push(list);
      continue;
    }
    if (line === "---") blocks.push({ kind: "rule" });
    else if (line.trim()) blocks.push({ kind: "paragraph", text: line });
    i++;
  }
  return blocks;
}

/** A version's text as paragraphs, lists and quotes (static: a version never changes). */
function TextBlocks(props: { blocks: TextBlock[] }): JSX.Element {
  return <For each={props.blocks}>{(b) => textBlock(b)}</For>;
}

function textBlock(b: TextBlock): JSX.Element {
  switch (b.kind) {
    case "paragraph":
      return <p>{b.text}</p>;
    case "rule":
      return <hr />;
    case "quote":
      return (
        <blockquote>
          <TextBlocks blocks={b.blocks} />
        </blockquote>
      );
    case "list": {
      // An item's first paragraph is its text; what follows (a nested list, more paragraphs) goes below.
      const items = (
        <For each={b.items}>
          {(item) => (
            <li>
              <Show when={item[0]?.kind === "paragraph"} fallback={<TextBlocks blocks={item} />}>
                {(item[0] as { text: string }).text}
                <TextBlocks blocks={item.slice(1)} />
              </Show>
            </li>
          )}
        </For>
      );
      return b.ordered ? <ol start={b.start}>{items}</ol> : <ul>{items}</ul>;
    }
  }
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
        <Match when={diff.error}>{(err) => <VersionProblem error={err()} />}</Match>
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
