/** The review at the start of a (review) conference: the case's open and late actions. */
import { createSignal, createUniqueId, For, Show } from "solid-js";
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
}) {
  const id = createUniqueId();
  const actionIds = idsOf(() => props.actions);
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
              />
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}

function ReviewItem(props: { session: ConferenceSession; action: ActionView; canUpdate: boolean }) {
  const id = createUniqueId();
  const [status, setStatus] = createSignal<string>(props.action.status);
  const [late, setLate] = createSignal<string>(props.action.lateReason ?? "");
  const [msg, setMsg] = createSignal<{ ok: boolean; text: string }>();
  const save = async () => {
    const patch: Record<string, unknown> = { actionId: props.action.id };
    if (status() !== props.action.status) patch.status = status();
    if (props.action.overdue && late() && late() !== props.action.lateReason) patch.lateReason = late();
    const ack = await props.session.send("action:update", patch);
    setMsg(
      ack.ok ? { ok: true, text: t("conf.saved") } : { ok: false, text: refusalText(ack.error as Refusal) },
    );
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
              value={status()}
              onChange={(e) => setStatus(e.currentTarget.value)}
            >
              <For each={["open", "in_progress", "done", "cancelled"]}>
                {(s) => (
                  <option value={s} selected={status() === s}>
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
                value={late()}
                onChange={(e) => setLate(e.currentTarget.value)}
              >
                <option value="">—</option>
                <For each={["circumstances_changed", "not_carried_out"]}>
                  {(r) => (
                    <option value={r} selected={late() === r}>
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
