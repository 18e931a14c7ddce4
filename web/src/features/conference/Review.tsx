/** The review at the start of a (review) conference: the case's open and late actions. */
import { createEffect, createSignal, createUniqueId, For, Show } from "solid-js";
import { type ActionStatus, actionStatuses, type LateReason, lateReasons } from "../../../../shared/domain";
import { t } from "../../i18n";
import { byId, idsOf } from "../../lib/keyed";
import { ownerLine } from "./Actions";
import { type ConferenceSession, type Refusal, refusalText } from "./session";
import type { ActionView } from "./types";

/** The review at the start of a conference: each open or late action gets a status or a late reason. */
export function ReviewActions(props: {
  session: ConferenceSession;
  actions: ActionView[];
  canUpdate: (a: ActionView) => boolean;
  /** Whether this user may cancel actions (the case's `assignActions`, decided by the server). */
  mayCancel: boolean;
}) {
  const id = createUniqueId();
  const actionIds = idsOf(() => props.actions);
  const statuses = () => (props.mayCancel ? actionStatuses : actionStatuses.filter((s) => s !== "cancelled"));
  return (
    <section class="ep-conf-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} class="ep-conf-heading">
        {t("conf.review")}
      </h3>
      <p class="ep-conf-small">{t("conf.reviewIntro")}</p>
      <Show
        when={props.actions.length > 0}
        fallback={<p class="ep-muted ep-conf-small">{t("conf.reviewEmpty")}</p>}
      >
        <ul class="ep-conf-list">
          <For each={actionIds()}>
            {(actionId) => (
              <ReviewItem
                session={props.session}
                action={byId(props.actions, actionId)}
                canUpdate={props.canUpdate(byId(props.actions, actionId))}
                statuses={statuses()}
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

/** A value the user picked, with the live value it replaced when they picked it. */
interface Picked<T> {
  to: T;
  from: T;
}

/**
 * One action. A control nobody touches follows the live state; once the user picks a value it stays
 * theirs, and if someone else changes that field meanwhile the item says so. Saving sends what the
 * user saw (`expected`): the server refuses a save from a stale view, and the item then shows the
 * reason and the current values.
 */
function ReviewItem(props: {
  session: ConferenceSession;
  action: ActionView;
  canUpdate: boolean;
  statuses: readonly ActionStatus[];
}) {
  const id = createUniqueId();
  const [status, setStatus] = createSignal<Picked<ActionStatus>>();
  const [late, setLate] = createSignal<Picked<LateReason | null>>();
  const [msg, setMsg] = createSignal<{ ok: boolean; text: string }>();
  const shownStatus = () => status()?.to ?? props.action.status;
  const shownLate = () => late()?.to ?? props.action.lateReason ?? "";

  // A pick the live state has caught up with (saved, or someone else did the same) is done: the
  // control follows the live state again.
  createEffect(() => {
    const live = props.action;
    if (!live) return;
    if (status()?.to === live.status) setStatus(undefined);
    const l = late();
    if (l && l.to === live.lateReason) setLate(undefined);
  });

  const pickStatus = (value: string) => {
    setMsg(undefined);
    setStatus({ to: value as ActionStatus, from: status()?.from ?? props.action.status });
  };
  const pickLate = (value: string) => {
    setMsg(undefined);
    const to = lateReasons.includes(value as LateReason) ? (value as LateReason) : null;
    const before = late();
    setLate({ to, from: before ? before.from : props.action.lateReason });
  };

  /** What someone else changed since this user picked a value of the same field. */
  const changedMeanwhile = () => {
    const s = status();
    if (s && s.from !== props.action.status)
      return t("conf.reviewChangedStatus", { status: t(`conf.actionStatus.${props.action.status}`) });
    const l = late();
    if (l && l.from !== props.action.lateReason)
      return props.action.lateReason
        ? t("conf.reviewChangedLate", { reason: t(`conf.lateReason.${props.action.lateReason}`) })
        : t("conf.reviewChangedLateNone");
    return undefined;
  };

  const save = async () => {
    const s = status();
    const l = late();
    const patch: Record<string, unknown> = { actionId: props.action.id };
    // What this user saw: the status always, the late reason when they change it.
    const expected: Record<string, unknown> = { status: s?.from ?? props.action.status };
    if (s) patch.status = s.to;
    if (props.action.overdue && l?.to) {
      patch.lateReason = l.to;
      expected.lateReason = l.from;
    }
    patch.expected = expected;
    const ack = await props.session.send("action:update", patch);
    if (ack.ok) {
      setMsg({ ok: true, text: t("conf.saved") });
      return;
    }
    const refusal = ack.error as Refusal;
    if (refusal.code === "conflict") {
      // Changed by someone else since: show what it is now; the server's reason (in the UI's
      // language) says what changed.
      setStatus(undefined);
      setLate(undefined);
      setMsg({ ok: false, text: t("conf.refused", { message: refusal.message }) });
      return;
    }
    setMsg({ ok: false, text: refusalText(refusal) });
  };
  return (
    <li class="ep-conf-review" data-review-action={props.action.id}>
      <p class="ep-conf-review__title">
        <strong>{props.action.title}</strong>{" "}
        <Show when={props.action.overdue}>
          <span class="ep-badge ep-badge--danger">{t("conf.late")}</span>
        </Show>{" "}
        <Show when={props.action.overdue && !props.action.lateReason}>
          <span class="ep-badge ep-badge--warning">{t("conf.reasonMissing")}</span>
        </Show>
      </p>
      <p class="ep-conf-small">{ownerLine(props.action)}</p>
      <Show
        when={props.canUpdate}
        fallback={
          <p class="ep-conf-small">
            {t("conf.status")}: {t(`conf.actionStatus.${props.action.status}`)}
            <Show when={props.action.lateReason}>{(r) => <> · {t(`conf.lateReason.${r()}`)}</>}</Show>
          </p>
        }
      >
        <div class="ep-conf-inline">
          <div class="ep-field">
            <label class="utrecht-form-label ep-conf-small" for={`${id}-status`}>
              {t("conf.status")}
            </label>
            <select
              id={`${id}-status`}
              class="utrecht-select"
              value={shownStatus()}
              aria-describedby={changedMeanwhile() ? `${id}-changed` : undefined}
              onChange={(e) => pickStatus(e.currentTarget.value)}
            >
              <For each={props.statuses}>
                {(s) => (
                  <option value={s} selected={shownStatus() === s}>
                    {t(`conf.actionStatus.${s}`)}
                  </option>
                )}
              </For>
            </select>
          </div>
          <Show when={props.action.overdue}>
            <div class="ep-field">
              <label class="utrecht-form-label ep-conf-small" for={`${id}-late`}>
                {t("conf.lateReason")}
              </label>
              <select
                id={`${id}-late`}
                data-late-reason
                class="utrecht-select"
                value={shownLate()}
                aria-describedby={changedMeanwhile() ? `${id}-changed` : undefined}
                onChange={(e) => pickLate(e.currentTarget.value)}
              >
                <option value="">—</option>
                <For each={lateReasons}>
                  {(r) => (
                    <option value={r} selected={shownLate() === r}>
                      {t(`conf.lateReason.${r}`)}
                    </option>
                  )}
                </For>
              </select>
            </div>
          </Show>
          <button
            type="button"
            class="utrecht-button utrecht-button--secondary-action"
            onClick={() => void save()}
          >
            {t("conf.save")}
          </button>
        </div>
        <Show when={changedMeanwhile()}>
          {(text) => (
            <p class="ep-conf-note ep-conf-small" id={`${id}-changed`} role="status">
              {text()}
            </p>
          )}
        </Show>
        <Show when={msg()}>
          {(m) => (
            <p class={m().ok ? "ep-conf-small" : "ep-error"} role={m().ok ? "status" : "alert"}>
              {m().text}
            </p>
          )}
        </Show>
      </Show>
    </li>
  );
}
