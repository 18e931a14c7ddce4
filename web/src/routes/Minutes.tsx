/** The minutes (verslagen): the list of a case's conferences and one conference's verslag. */
import { A, useParams } from "@solidjs/router";
import { createResource, For, type JSX, Show } from "solid-js";
import { withoutPosition } from "../../../shared/positions";
import type { ActionView } from "../../../shared/schemas/action";
import {
  type ConferenceSummary,
  type DecisionView,
  heldAt,
  type MinutesView,
} from "../../../shared/schemas/conference";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { ScrollTable } from "../components/ScrollTable";
import { agendaItemTitle } from "../features/conference/sections";
import { formatDate, t } from "../i18n";
import { api } from "../lib/api";
import { createCase } from "../lib/case";
import { settled } from "../lib/resource";

const positionOrder = { agree: 0, abstain: 1, object: 2 } as const;

/** The case header around a minutes page; in place of the page, why it cannot be shown. */
function CaseFrame(props: { caseId: string; children: JSX.Element }) {
  const [detail] = createCase(() => props.caseId);
  return (
    <div class="ep-stack">
      <Show
        when={detail.error}
        fallback={
          <>
            <Show when={settled(detail)}>{(c) => <CaseHeader case={c()} />}</Show>
            {props.children}
          </>
        }
      >
        {(err) => (
          <>
            <h1 class="utrecht-heading-1">{t("minutes.title")}</h1>
            <CaseUnavailable error={err()} />
          </>
        )}
      </Show>
    </div>
  );
}

/** `/casussen/:caseId/verslagen`: every conference, with a link to its minutes once ended. */
export function MinutesList() {
  const params = useParams();
  const [list] = createResource(
    () => params.caseId,
    async (caseId) => {
      // Newest first by the day each line shows, as the server sends them (`heldAt`).
      return (await api.get<{ conferences: ConferenceSummary[] }>(`/cases/${caseId}/conferences`))
        .conferences;
    },
  );
  return (
    <CaseFrame caseId={params.caseId}>
      <h2 class="utrecht-heading-2">{t("minutes.title")}</h2>
      <p class="ep-muted">{t("minutes.intro")}</p>
      <Show when={list.error}>
        <p role="alert" class="ep-error">
          {t("minutes.loadError")}
        </p>
      </Show>
      <Show when={settled(list)}>
        {(items) => (
          <Show when={items().length > 0} fallback={<p>{t("minutes.none")}</p>}>
            <ul class="ep-conf-minutes-list">
              <For each={items()}>
                {(c) => (
                  <li>
                    <Show
                      when={c.status === "ended"}
                      fallback={
                        <>
                          <span>{t("minutes.conference", { when: formatDate(heldAt(c), true) })}</span>{" "}
                          <span class="ep-badge">{t(`conf.status.${c.status}`)}</span>{" "}
                          <span class="ep-muted">{t("minutes.notEnded")}</span>
                        </>
                      }
                    >
                      <A href={`/casussen/${params.caseId}/verslagen/${c.id}`}>
                        {t("minutes.conference", { when: formatDate(heldAt(c), true) })}
                      </A>{" "}
                      <span class="ep-badge ep-badge--ok">{t("conf.status.ended")}</span>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          </Show>
        )}
      </Show>
    </CaseFrame>
  );
}

/** `/casussen/:caseId/verslagen/:conferenceId`: the verslag, printable and downloadable. */
export function MinutesDetail() {
  const params = useParams();
  const base = () => `/conferences/${params.conferenceId}/minutes`;
  const [minutes] = createResource(base, (path) => api.get<MinutesView>(path));
  return (
    <CaseFrame caseId={params.caseId}>
      <p class="ep-conf-noprint">
        <A href={`/casussen/${params.caseId}/verslagen`}>← {t("minutes.back")}</A>
      </p>
      <Show when={minutes.error}>
        <p role="alert" class="ep-error">
          {t("minutes.loadError")}
        </p>
      </Show>
      <Show when={settled(minutes)}>
        {(m) => <MinutesBody minutes={m()} caseId={params.caseId} markdownHref={`/api${base()}.md`} />}
      </Show>
    </CaseFrame>
  );
}

function MinutesBody(props: { minutes: MinutesView; caseId: string; markdownHref: string }) {
  const m = () => props.minutes;
  /** A version of the plan on the Versies page (`PlanVersions.tsx`). */
  const versionHref = (n: number) => `/casussen/${props.caseId}/versies?versie=${n}`;
  /** The decision an action belongs to, with its number in the list of decisions above. */
  const decisionOf = (decisionId: string | null) => {
    const index = m().decisions.findIndex((d) => d.id === decisionId);
    return index < 0 ? undefined : { n: index + 1, text: m().decisions[index].text };
  };
  const present = () => m().attendance.filter((a) => a.present === "present");
  // Nobody recorded whether these members came: listed all the same, so their absence shows.
  const others = () => m().attendance.filter((a) => a.present !== "present");
  const decisionsShown = () => m().decisions;
  // Present participants who recorded no position (adopting does not wait for them): listed, so
  // the record shows it. A withdrawn proposal needed none.
  const silent = (d: DecisionView) => withoutPosition(d, m().attendance);
  // The minutes show each action as it stood when the conference ended. What changed since (an
  // owner started on it, it was reassigned) is said beside it, from the case's actions now; a
  // reader who may not see those (or when they do not load) reads the record alone.
  const [current] = createResource(
    () => props.caseId,
    async (caseId) => {
      try {
        return (await api.get<{ actions: ActionView[] }>(`/cases/${caseId}/actions`)).actions;
      } catch {
        return [];
      }
    },
  );
  /** What is different about an action now, in words ("Bezig, eigenaar Karin Mulder"); none when nothing is. */
  const changedSince = (a: ActionView): string | undefined => {
    const now = current()?.find((c) => c.id === a.id);
    if (!now) return undefined;
    const parts: string[] = [];
    if (now.status !== a.status) parts.push(t(`conf.actionStatus.${now.status}`));
    if (now.owner && now.owner.id !== a.owner?.id)
      parts.push(t("minutes.nowOwner", { name: now.owner.name }));
    if (now.dueDate !== a.dueDate) parts.push(t("minutes.nowDue", { date: formatDate(now.dueDate) }));
    return parts.length > 0 ? parts.join(", ") : undefined;
  };
  return (
    <article class="ep-conf-minutes" aria-labelledby="verslag-titel">
      <h2 id="verslag-titel" class="utrecht-heading-2">
        {t("minutes.heading", { when: formatDate(m().conference.startedAt ?? m().conference.scheduledAt) })}
      </h2>
      <p class="ep-muted">
        {m().case.reference} · {m().case.title}
        <br />
        {t("minutes.meta", {
          start: m().conference.startedAt ? formatDate(m().conference.startedAt ?? "", true) : "—",
          end: m().conference.endedAt ? formatDate(m().conference.endedAt ?? "", true) : "—",
        })}
      </p>
      <Show when={m().conference.status !== "ended"}>
        <p class="ep-warning">{t("minutes.notEnded")}</p>
      </Show>
      <div class="ep-conf-buttons ep-conf-noprint">
        <a
          class="utrecht-button utrecht-button--secondary-action ep-conf-linkbutton"
          href={props.markdownHref}
          download=""
        >
          {t("minutes.download")}
        </a>
        <button
          type="button"
          class="utrecht-button utrecht-button--secondary-action"
          onClick={() => window.print()}
        >
          {t("minutes.print")}
        </button>
      </div>

      <section aria-labelledby="verslag-aanwezig">
        {/* Everyone on the case is listed, present or not: the heading names the list, the count
            of those present comes in words, so the two never disagree. */}
        <h3 id="verslag-aanwezig" class="utrecht-heading-3">
          {t("minutes.attendance")}
        </h3>
        <p data-testid="minutes-present-count">
          {t("minutes.presentCount", { present: present().length, total: m().attendance.length })}
        </p>
        <ScrollTable label={t("minutes.attendance")}>
          <table class="ep-table ep-conf-table">
            <thead>
              <tr>
                <th scope="col">{t("minutes.name")}</th>
                <th scope="col">{t("minutes.organisation")}</th>
                <th scope="col">{t("minutes.role")}</th>
                <th scope="col">{t("minutes.presence")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={[...present(), ...others()]}>
                {(a) => (
                  <tr>
                    <td>{a.name}</td>
                    <td>{a.organisation?.name ?? "—"}</td>
                    <td>{t(`role.${a.role}`)}</td>
                    <td>
                      {a.present === null
                        ? t("minutes.presenceUnrecorded")
                        : t(`minutes.presence.${a.present}`)}
                    </td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </ScrollTable>
      </section>

      <Show when={m().conference.agenda.length > 0}>
        <section aria-labelledby="verslag-agenda">
          <h3 id="verslag-agenda" class="utrecht-heading-3">
            {t("minutes.agenda")}
          </h3>
          <ol>
            <For each={m().conference.agenda}>{(item) => <li>{agendaItemTitle(item)}</li>}</For>
          </ol>
        </section>
      </Show>

      <section aria-labelledby="verslag-besluiten">
        <h3 id="verslag-besluiten" class="utrecht-heading-3">
          {t("minutes.decisions")}
        </h3>
        <Show when={decisionsShown().length > 0} fallback={<p>{t("minutes.noDecisions")}</p>}>
          <ol class="ep-conf-minutes-decisions">
            <For each={decisionsShown()}>
              {(d) => (
                <li class="ep-conf-minutes-decision">
                  <p
                    class={
                      d.status === "withdrawn"
                        ? "ep-conf-decision__text ep-conf-withdrawn"
                        : "ep-conf-decision__text"
                    }
                  >
                    {d.text}
                  </p>
                  <p class="ep-conf-small">
                    <span
                      class={d.status === "adopted" ? "ep-badge ep-badge--ok" : "ep-badge ep-badge--warning"}
                    >
                      {t(`conf.decision.${d.status}`)}
                    </span>{" "}
                    <Show when={d.planVersion}>
                      {(v) => (
                        <>
                          <A href={versionHref(v().number)}>{t("conf.planVersion", { n: v().number })}</A> ·{" "}
                        </>
                      )}
                    </Show>
                    <Show when={d.proposedBy}>
                      {(by) => <>{t("conf.decisionBy", { name: by().name })}</>}
                    </Show>
                  </p>
                  <Show when={d.warningOverride}>
                    {(r) => (
                      <p class="ep-warning ep-conf-small">{t("minutes.warningOverride", { reason: r() })}</p>
                    )}
                  </Show>
                  <Show
                    when={d.positions.length > 0 || silent(d).length > 0}
                    fallback={<p class="ep-muted ep-conf-small">{t("minutes.noPositions")}</p>}
                  >
                    <ScrollTable label={t("conf.positionsOf")}>
                      <table class="ep-table ep-conf-table">
                        <caption class="visually-hidden">{t("conf.positionsOf")}</caption>
                        <thead>
                          <tr>
                            <th scope="col">{t("minutes.name")}</th>
                            <th scope="col">{t("minutes.organisation")}</th>
                            <th scope="col">{t("minutes.position")}</th>
                            <th scope="col">{t("minutes.note")}</th>
                          </tr>
                        </thead>
                        <tbody>
                          <For
                            each={[...d.positions].sort(
                              (a, b) => positionOrder[a.position] - positionOrder[b.position],
                            )}
                          >
                            {(p) => (
                              <tr>
                                <td>{p.name}</td>
                                <td>{p.organisation?.name ?? "—"}</td>
                                <td>
                                  <strong>{t(`conf.position.${p.position}`)}</strong>
                                </td>
                                <td>{p.note ?? ""}</td>
                              </tr>
                            )}
                          </For>
                          <For each={silent(d)}>
                            {(a) => (
                              <tr data-no-position>
                                <td>{a.name}</td>
                                <td>{a.organisation?.name ?? "—"}</td>
                                <td class="ep-muted">{t("minutes.noPosition")}</td>
                                <td />
                              </tr>
                            )}
                          </For>
                        </tbody>
                      </table>
                    </ScrollTable>
                  </Show>
                </li>
              )}
            </For>
          </ol>
        </Show>
      </section>

      <Show when={m().reviewed.length > 0}>
        <section aria-labelledby="verslag-besproken">
          <h3 id="verslag-besproken" class="utrecht-heading-3">
            {t("minutes.reviewed")}
          </h3>
          <ul class="ep-conf-list">
            <For each={m().reviewed}>
              {(r) => (
                <li>
                  <strong>{r.title}</strong>
                  <ul>
                    <For each={r.changes}>{(c) => <li>{reviewedChange(c)}</li>}</For>
                    <For each={r.notes}>{(n) => <li>{t("minutes.reviewedNote", { note: n })}</li>}</For>
                  </ul>
                </li>
              )}
            </For>
          </ul>
        </section>
      </Show>

      <section aria-labelledby="verslag-acties">
        <h3 id="verslag-acties" class="utrecht-heading-3">
          {t("minutes.actions")}
        </h3>
        <Show when={m().actions.length > 0} fallback={<p>{t("minutes.noActions")}</p>}>
          <Show when={m().actions.some(changedSince)}>
            <p class="ep-conf-small ep-muted">{t("minutes.actionsAsEnded")}</p>
          </Show>
          <ScrollTable label={t("minutes.actions")}>
            <table class="ep-table ep-conf-table">
              <thead>
                <tr>
                  <th scope="col">{t("minutes.action")}</th>
                  <th scope="col">{t("conf.owner")}</th>
                  <th scope="col">{t("minutes.organisation")}</th>
                  <th scope="col">{t("minutes.due")}</th>
                  <th scope="col">{t("minutes.statusCol")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={m().actions}>
                  {(a) => (
                    <tr>
                      <td>
                        {a.title}
                        <Show when={decisionOf(a.decisionId)}>
                          {(d) => (
                            <>
                              <br />
                              <span class="ep-conf-small">
                                {t("minutes.actionDecision", { n: d().n, text: d().text })}
                              </span>
                            </>
                          )}
                        </Show>
                      </td>
                      <td>{a.owner?.name ?? "—"}</td>
                      <td>{a.organisation?.name ?? "—"}</td>
                      <td>{formatDate(a.dueDate)}</td>
                      <td>
                        {t(`conf.actionStatus.${a.status}`)}
                        <Show when={changedSince(a)}>
                          {(now) => (
                            <>
                              <br />
                              <A href={`/acties/${a.id}`} class="ep-conf-small" data-action-now>
                                {t("minutes.actionNow", { now: now() })}
                                <span class="visually-hidden"> ({a.title})</span>
                              </A>
                            </>
                          )}
                        </Show>
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollTable>
        </Show>
      </section>

      <section aria-labelledby="verslag-plan">
        <h3 id="verslag-plan" class="utrecht-heading-3">
          {t("minutes.planVersion")}
        </h3>
        <Show when={m().planVersions.length > 0} fallback={<p>{t("minutes.noPlanVersion")}</p>}>
          <ul>
            <For each={m().planVersions}>
              {(v) => (
                <li>
                  <A href={versionHref(v.number)}>{t("minutes.planVersionValue", { n: v.number })}</A> (
                  {formatDate(v.createdAt, true)})
                </li>
              )}
            </For>
          </ul>
        </Show>
      </section>
    </article>
  );
}

/** One change made to an earlier action during the conference, in words: the new value, then what it was. */
function reviewedChange(c: { field: string; from: string | null; to: string | null }): string {
  // Labels of a choice read lower case after the field's name ("Status: gereed (was: open)").
  const lower = (label: string) => label.charAt(0).toLowerCase() + label.slice(1);
  const value = (v: string | null) => {
    if (v === null) return t("minutes.reviewedNone");
    if (c.field === "status") return lower(t(`conf.actionStatus.${v}`));
    if (c.field === "lateReason") return lower(t(`conf.lateReason.${v}`));
    if (c.field === "dueDate") return formatDate(v);
    return v;
  };
  const field = t(`minutes.reviewedField.${c.field}`);
  // Nothing before (a first late reason): only what was recorded.
  return c.from === null
    ? t("minutes.reviewedSet", { field, to: value(c.to) })
    : t("minutes.reviewedChange", { field, from: value(c.from), to: value(c.to) });
}
