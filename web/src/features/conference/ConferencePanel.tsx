/** The conference panel beside the plan editor: the live MDA++ meeting for everyone on the case. */
import { A } from "@solidjs/router";
import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  createUniqueId,
  For,
  onCleanup,
  Show,
  untrack,
} from "solid-js";
import { heldAt } from "../../../../shared/schemas/conference";
import { ChoiceSelect } from "../../components/ChoiceSelect";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import type { CaseDetail } from "../../lib/case";
import { refocusIfLost } from "../../lib/focus";
import { FormAlert } from "../../lib/form";
import { me } from "../../lib/session";
import { useSocket } from "../../lib/socket";
import { Actions } from "./Actions";
import { Agenda } from "./Agenda";
import { discussedNow } from "./current-item";
import { Decisions } from "./Decisions";
import type { FocusFollower } from "./follow";
import { Lifecycle } from "./Lifecycle";
import { People } from "./People";
import { ReviewActions } from "./Review";
import { ScheduleConference } from "./Schedule";
import { sectionTitle } from "./sections";
import { createConferenceSession, refusalText } from "./session";
import type { ConferenceSummary as ConferenceInfo, ConferenceState } from "./types";

/** What the panel's "Nu in bespreking" names: the section, or the agenda item without one. */
function discussedTitle(n: NonNullable<ReturnType<typeof discussedNow>>): string {
  return n.sectionKey === null ? n.title : sectionTitle(n.sectionKey);
}

const statusOrder = { in_progress: 0, scheduled: 1, ended: 2 } as const;

/**
 * The picker's order, for finding the current or next one: the running conference, then the planned
 * ones soonest first, then those held, the last first (each by the date its line shows). The panel
 * opens the first.
 */
function pickerOrder(list: ConferenceInfo[]): ConferenceInfo[] {
  return [...list].sort(
    (a, b) =>
      statusOrder[a.status] - statusOrder[b.status] ||
      (a.status === "ended" ? heldAt(b).localeCompare(heldAt(a)) : heldAt(a).localeCompare(heldAt(b))),
  );
}

/** The panel; `follower` moves the editor along with the chair's focus (or tells someone writing). */
export function ConferencePanel(props: { case: CaseDetail; follower: FocusFollower }) {
  const id = createUniqueId();
  // The workspace's copy of the case (fetched once, again on `case:changed`), not a second one.
  const caseDetail = () => props.case;
  const [list, { mutate, refetch }] = createResource(
    () => props.case.id,
    async (caseId) => {
      const data = await api.get<{ conferences: ConferenceInfo[] } | ConferenceInfo[]>(
        `/cases/${caseId}/conferences`,
      );
      return Array.isArray(data) ? data : data.conferences;
    },
  );
  // Someone planned a conference of this case: every open panel shows it without a reload.
  const { socket } = useSocket();
  const onScheduled = (info: { caseId: string }) => {
    if (info.caseId === props.case.id) void refetch();
  };
  socket.on("conference:scheduled", onScheduled);
  onCleanup(() => socket.off("conference:scheduled", onScheduled));
  const [chosen, setChosen] = createSignal<string>();
  const ordered = () => pickerOrder(list() ?? []);
  const conferenceId = createMemo(() => chosen() ?? ordered()[0]?.id);
  const session = createConferenceSession({
    conferenceId,
    onFocus: (key) => {
      props.follower.follow(key);
      return props.follower.pending() === key;
    },
    sectionTitle,
    myId: () => me()?.id ?? "",
    readable: (key) => props.follower.readable(key),
  });
  const [error, setError] = createSignal<string>();
  // When the conference just planned here takes place: the note is written from it in the page's
  // language at the time it is read, so a switch of language rewrites it too.
  const [scheduledFor, setScheduledFor] = createSignal<string>();
  // Set by the live part; read after an intent to put the keyboard focus somewhere sensible.
  let statusLine: HTMLElement | undefined;
  let noteLine: HTMLElement | undefined;
  let picker: HTMLSelectElement | undefined;

  const myId = () => me()?.id ?? "";
  const role = () => caseDetail()?.myRole ?? null;
  const isChair = () => role() === "chair";
  const participates = () => role() !== null && role() !== "observer";
  const running = () => session.state()?.conference.status === "in_progress";
  const present = () =>
    session.state()?.attendance.some((a) => a.userId === myId() && (a.present === "present" || a.online)) ??
    false;
  // Chair, case director and the region's coordinator plan conferences (the server decides the region).
  const canSchedule = () => isChair() || role() === "caseDirector" || me()?.globalRole === "coordinator";
  const upcoming = () =>
    (list() ?? []).some(
      (c) => c.id !== conferenceId() && (c.status === "scheduled" || c.status === "in_progress"),
    );
  const showSchedule = () =>
    list() !== undefined &&
    canSchedule() &&
    !upcoming() &&
    (!conferenceId() || session.state()?.conference.status === "ended");
  // No conference of the case has been held: the one planned now is its first, not a review.
  const firstConference = () => !(list() ?? []).some((c) => c.status === "ended");

  // Nothing to follow outside a running conference, nor while the room discusses an item without a
  // plan section: a notice still offering the section before it would send someone the wrong way.
  createEffect(() => {
    if (!running() || !session.state()?.conference.focusSectionKey) props.follower.clear();
  });
  // The list was loaded once; keep the shown conference's status in it current (picker, defaults).
  createEffect(() => {
    const c = session.state()?.conference;
    if (!c) return;
    const known = untrack(list)?.find((x) => x.id === c.id);
    if (known && known.status !== c.status) mutate((l) => l?.map((x) => (x.id === c.id ? c : x)));
  });

  const choose = (conference: string) => {
    setScheduledFor(undefined);
    setChosen(conference);
    // The panel below is built anew for that conference. The keyboard stays on the picker, also
    // when a Tab out of it was headed into the old panel, now gone; looked at once the focus has
    // moved (a choice made on leaving the picker comes while it moves, from the picker's blur).
    setTimeout(() => refocusIfLost(() => picker));
  };

  const scheduled = (c: ConferenceInfo) => {
    mutate((l) => [c, ...(l ?? [])]);
    setChosen(c.id);
    setScheduledFor(c.scheduledAt);
    // The form is gone now that a conference is planned: say so where the keyboard is.
    refocusIfLost(() => noteLine);
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
          {/* Browsing it with the arrow keys switches nothing until Enter or leaving it (see
              ChoiceSelect): each conference passed on the way would be joined and shown. */}
          <ChoiceSelect
            id={`${id}-pick`}
            class="utrecht-select"
            value={conferenceId() ?? ""}
            onChoose={choose}
            ref={(el) => (picker = el)}
          >
            <For each={ordered()}>
              {(c) => (
                <option value={c.id} selected={c.id === conferenceId()}>
                  {/* When it was held, once it started (as the minutes name it); short, to fit the panel. */}
                  {formatDate(heldAt(c), true, "short")} — {t(`conf.status.${c.status}`)}
                </option>
              )}
            </For>
          </ChoiceSelect>
        </div>
      </Show>
      <Show when={scheduledFor()}>
        {(when) => (
          <p class="ep-conf-note" role="status" tabindex="-1" ref={(el) => (noteLine = el)}>
            {t("conf.scheduled", { when: formatDate(when(), true) })}
          </p>
        )}
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
          {session.refusalMessage() ?? t("conf.socketRefused")}
        </p>
      </Show>
      <Show when={conferenceId() && !session.connected() && !session.refused()}>
        <p class="ep-conf-small ep-muted" role="status">
          {session.state() ? t("conf.offline") : t("conf.connecting")}
        </p>
      </Show>
      <Show when={session.state()}>{(s) => <Live state={s()} />}</Show>
      <Show when={showSchedule()}>
        <ScheduleConference
          caseId={props.case.id}
          restrainingOrderUntil={props.case.restrainingOrderUntil}
          first={firstConference()}
          onScheduled={scheduled}
        />
      </Show>
    </section>
  );

  function Live(p: { state: ConferenceState }) {
    const c = () => p.state.conference;
    return (
      <div class="ep-conf-body">
        <p class="ep-conf-meta" tabindex="-1" ref={(el) => (statusLine = el)} data-testid="conference-status">
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
          <Lifecycle
            session={session}
            state={p.state}
            statusLine={() => statusLine}
            onError={setError}
            onChanged={() => setScheduledFor(undefined)}
          />
        </Show>
        <Show when={c().status === "ended"}>
          <p>
            <A href={`/casussen/${props.case.id}/verslagen/${c().id}`}>{t("conf.minutesLink")}</A>
          </p>
        </Show>
        <FormAlert message={error()} />
        <Show when={discussedNow(c())}>
          {(now) => (
            <p class="ep-conf-focus" data-testid="conference-focus">
              <span class="ep-conf-small">{t("conf.nowDiscussing")}</span>
              <strong>{discussedTitle(now())}</strong>
              {/* Not shown in this user's editor, which stays where it was: say why. */}
              <Show when={now().sectionKey !== null && !props.follower.readable(now().sectionKey ?? "")}>
                <span class="ep-conf-small">{t("conf.focusRestricted")}</span>
              </Show>
            </p>
          )}
        </Show>
        <Agenda
          session={session}
          state={p.state}
          isChair={isChair()}
          onFocused={(key) => props.follower.show(key)}
          onError={setError}
        />
        <People
          session={session}
          state={p.state}
          myId={myId()}
          // The chair gives the floor; asking for it is for the others.
          canRaise={participates() && !isChair()}
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
              mayCancel={props.case.permissions.assignActions === true}
            />
          )}
        </Show>
        <Decisions
          session={session}
          decisions={p.state.decisions}
          attendance={p.state.attendance}
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
}
