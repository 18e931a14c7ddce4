/** The conference panel beside the plan editor: the live MDA++ meeting for everyone on the case. */
import { A } from "@solidjs/router";
import { createMemo, createResource, createSignal, createUniqueId, For, Show } from "solid-js";
import { planTemplate } from "../../../../shared/plan";
import { formatDate, locale, t } from "../../i18n";
import { api } from "../../lib/api";
import { createCase } from "../../lib/case";
import { me } from "../../lib/session";
import { Actions } from "./Actions";
import { Decisions } from "./Decisions";
import { People } from "./People";
import { ReviewActions } from "./Review";
import { createConferenceSession, refusalText } from "./session";
import type { ConferenceSummary as ConferenceInfo, ConferenceState } from "./types";

/** Title of a plan section in the current language. */
export function sectionTitle(key: string): string {
  const s = planTemplate.find((p) => p.key === key);
  return s ? s.title[locale()] : key;
}

/** The conference the panel opens first: the running one, else the next scheduled, else the last. */
function pickDefault(list: ConferenceInfo[]): ConferenceInfo | undefined {
  const running = list.find((c) => c.status === "in_progress");
  if (running) return running;
  const scheduled = list
    .filter((c) => c.status === "scheduled")
    .sort((a, b) => a.scheduledAt.localeCompare(b.scheduledAt));
  if (scheduled.length) return scheduled[0];
  return [...list].sort((a, b) => b.scheduledAt.localeCompare(a.scheduledAt))[0];
}

/** The panel; `focusSection` shows a section in the editor when the chair moves the focus. */
export function ConferencePanel(props: { caseId: string; focusSection: (key: string) => void }) {
  const id = createUniqueId();
  const [caseDetail] = createCase(() => props.caseId);
  const [list] = createResource(
    () => props.caseId,
    async (caseId) => {
      const data = await api.get<{ conferences: ConferenceInfo[] } | ConferenceInfo[]>(
        `/cases/${caseId}/conferences`,
      );
      return Array.isArray(data) ? data : data.conferences;
    },
  );
  const [chosen, setChosen] = createSignal<string>();
  const conferenceId = createMemo(() => chosen() ?? pickDefault(list() ?? [])?.id);
  const session = createConferenceSession({
    conferenceId,
    onFocus: (key) => props.focusSection(key),
    sectionTitle,
  });
  const [error, setError] = createSignal<string>();
  const [confirmEnd, setConfirmEnd] = createSignal(false);
  const [busy, setBusy] = createSignal(false);

  const myId = () => me()?.id ?? "";
  const role = () => caseDetail()?.myRole ?? null;
  const isChair = () => role() === "chair";
  const participates = () => role() !== null && role() !== "observer";
  const running = () => session.state()?.conference.status === "in_progress";
  const present = () =>
    session.state()?.attendance.some((a) => a.userId === myId() && (a.present === "present" || a.online)) ??
    false;

  // Late actions under review without a reason (or a closing status) keep the conference from ending.
  const unexplained = () => (session.state()?.openActions ?? []).filter((a) => a.overdue && !a.lateReason);
  const toReview = () => {
    const first = unexplained()[0];
    const item = first && document.querySelector<HTMLElement>(`[data-review-action="${first.id}"]`);
    item?.querySelector<HTMLElement>("[data-late-reason]")?.focus();
    item?.scrollIntoView({ block: "center" });
  };

  const lifecycle = async (event: "conference:start" | "conference:end") => {
    setBusy(true);
    const ack = await session.send(event, { conferenceId: conferenceId() });
    setBusy(false);
    setConfirmEnd(false);
    setError(ack.ok ? undefined : refusalText(ack.error));
  };
  const focus = async (sectionKey: string) => {
    const ack = await session.send("agenda:focus", { conferenceId: conferenceId(), sectionKey });
    setError(ack.ok ? undefined : refusalText(ack.error));
    if (ack.ok) props.focusSection(sectionKey);
  };

  return (
    <section class="ep-conf" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} class="utrecht-heading-2 ep-conf-title">
        {t("conf.title")}
      </h2>
      <div class="visually-hidden" role="status" aria-live="polite">
        {session.announcement()}
      </div>
      <Show when={(list() ?? []).length > 1}>
        <div class="ep-field ep-conf-pick">
          <label class="utrecht-form-label ep-conf-small" for={`${id}-pick`}>
            {t("conf.pick")}
          </label>
          <select
            id={`${id}-pick`}
            class="utrecht-select"
            value={conferenceId()}
            onChange={(e) => setChosen(e.currentTarget.value)}
          >
            <For each={list()}>
              {(c) => (
                <option value={c.id} selected={c.id === conferenceId()}>
                  {formatDate(c.scheduledAt, true)} — {t(`conf.status.${c.status}`)}
                </option>
              )}
            </For>
          </select>
        </div>
      </Show>
      <Show when={list() && !conferenceId()}>
        <p class="ep-muted">{t("conf.none")}</p>
      </Show>
      <Show when={list.error}>
        <p class="ep-error" role="alert">
          {t("app.error")}
        </p>
      </Show>
      <Show when={session.joinError()}>
        {(e) => (
          <p class="ep-error" role="alert">
            {refusalText(e())}
          </p>
        )}
      </Show>
      <Show when={session.refused()}>
        <p class="ep-error" role="alert">
          {t("conf.socketRefused")}
        </p>
      </Show>
      <Show when={conferenceId() && !session.connected() && !session.refused()}>
        <p class="ep-conf-small ep-muted" role="status">
          {session.state() ? t("conf.offline") : t("conf.connecting")}
        </p>
      </Show>
      <Show when={session.state()}>{(s) => <Live state={s()} />}</Show>
    </section>
  );

  function Live(p: { state: ConferenceState }) {
    const c = () => p.state.conference;
    return (
      <div class="ep-conf-body">
        <p class="ep-conf-meta">
          <span class={`ep-badge ep-conf-status ep-conf-status--${c().status}`}>
            {t(`conf.status.${c().status}`)}
          </span>{" "}
          <span class="ep-conf-small">
            <Show when={c().status === "scheduled"}>
              {t("conf.scheduledAt", { when: formatDate(c().scheduledAt, true) })}
            </Show>
            <Show when={c().status === "in_progress" && c().startedAt}>
              {t("conf.startedAt", { when: formatDate(c().startedAt ?? "", true) })}
            </Show>
            <Show when={c().status === "ended" && c().endedAt}>
              {t("conf.endedAt", { when: formatDate(c().endedAt ?? "", true) })}
            </Show>
          </span>
        </p>
        <Show when={!participates()}>
          <p class="ep-conf-note">{t("conf.observerNote")}</p>
        </Show>
        <Show when={isChair() && c().status !== "ended"}>
          <div class="ep-conf-buttons">
            <Show when={c().status === "scheduled"}>
              <button
                type="button"
                class="utrecht-button utrecht-button--primary-action"
                disabled={busy()}
                onClick={() => void lifecycle("conference:start")}
              >
                {t("conf.start")}
              </button>
            </Show>
            <Show when={c().status === "in_progress" && !confirmEnd()}>
              <button
                type="button"
                class="utrecht-button utrecht-button--secondary-action"
                onClick={() => setConfirmEnd(true)}
              >
                {t("conf.end")}
              </button>
            </Show>
          </div>
          <Show when={confirmEnd() && unexplained().length > 0}>
            <div class="ep-conf-confirm" role="alert">
              <p>
                {t("conf.endBlocked", {
                  titles: unexplained()
                    .map((a) => a.title)
                    .join("; "),
                })}
              </p>
              <div class="ep-conf-buttons">
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  onClick={() => {
                    setConfirmEnd(false);
                    toReview();
                  }}
                >
                  {t("conf.toReview")}
                </button>
              </div>
            </div>
          </Show>
          <Show when={confirmEnd() && unexplained().length === 0}>
            <fieldset class="ep-conf-confirm">
              <legend>{t("conf.endConfirm")}</legend>
              <div class="ep-conf-buttons">
                <button
                  type="button"
                  class="utrecht-button utrecht-button--primary-action"
                  disabled={busy()}
                  onClick={() => void lifecycle("conference:end")}
                >
                  {t("conf.endYes")}
                </button>
                <button
                  type="button"
                  class="utrecht-button utrecht-button--subtle"
                  onClick={() => setConfirmEnd(false)}
                >
                  {t("conf.cancel")}
                </button>
              </div>
            </fieldset>
          </Show>
        </Show>
        <Show when={c().status === "ended"}>
          <p>
            <A href={`/casussen/${props.caseId}/verslagen/${c().id}`}>{t("conf.minutesLink")}</A>
          </p>
        </Show>
        <Show when={error()}>
          <p class="ep-error" role="alert">
            {error()}
          </p>
        </Show>
        <Show when={c().focusSectionKey && c().status === "in_progress"}>
          <p class="ep-conf-focus" data-testid="conference-focus">
            <span class="ep-conf-small">{t("conf.nowDiscussing")}</span>
            <strong>{sectionTitle(c().focusSectionKey ?? "")}</strong>
          </p>
        </Show>
        <Agenda state={p.state} />
        <People
          session={session}
          state={p.state}
          myId={myId()}
          canRaise={participates()}
          isChair={isChair()}
          onError={setError}
        />
        <Show when={c().status === "in_progress" && p.state.openActions.length > 0 && p.state.openActions}>
          {(open) => (
            <ReviewActions
              session={session}
              actions={open()}
              canUpdate={(a) =>
                isChair() || role() === "caseDirector" || (participates() && a.owner?.id === myId())
              }
            />
          )}
        </Show>
        <Decisions
          session={session}
          decisions={p.state.decisions}
          rights={{
            myId: myId(),
            running: running(),
            canPropose: participates(),
            canPosition: participates() && present(),
            isChair: isChair(),
          }}
        />
        <Actions
          session={session}
          actions={p.state.actions}
          decisions={p.state.decisions}
          members={caseDetail()?.members ?? []}
          canCreate={isChair() || role() === "caseDirector"}
          isChair={isChair()}
          running={running()}
        />
      </div>
    );
  }

  function Agenda(p: { state: ConferenceState }) {
    const focusKey = () => p.state.conference.focusSectionKey;
    const canFocus = () => isChair() && p.state.conference.status === "in_progress";
    return (
      <section class="ep-conf-section" aria-labelledby={`${id}-agenda`}>
        <h3 id={`${id}-agenda`} class="ep-conf-heading">
          {t("conf.agenda")}
        </h3>
        <Show
          when={p.state.conference.agenda.length > 0}
          fallback={<p class="ep-muted ep-conf-small">{t("conf.agendaEmpty")}</p>}
        >
          <ol class="ep-conf-agenda">
            <For each={p.state.conference.agenda}>
              {(item) => {
                const current = () => !!item.sectionKey && item.sectionKey === focusKey();
                return (
                  <li
                    class={
                      current()
                        ? "ep-conf-agenda__item ep-conf-agenda__item--current"
                        : "ep-conf-agenda__item"
                    }
                    aria-current={current() ? "step" : undefined}
                  >
                    <span>
                      {item.title}
                      <Show when={current()}>
                        {" "}
                        <span class="ep-badge">{t("conf.nowDiscussing")}</span>
                      </Show>
                    </span>
                    <Show when={canFocus() && item.sectionKey && !current()}>
                      <button
                        type="button"
                        class="utrecht-button utrecht-button--subtle ep-conf-focus-button"
                        aria-label={`${t("conf.focus")}: ${item.title}`}
                        onClick={() => void focus(item.sectionKey ?? "")}
                      >
                        {t("conf.focus")}
                      </button>
                    </Show>
                  </li>
                );
              }}
            </For>
          </ol>
        </Show>
      </section>
    );
  }
}
