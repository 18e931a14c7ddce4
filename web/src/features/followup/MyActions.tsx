/** `/acties`: my actions with a one-click status update and a note, and my reminders. */
import { A } from "@solidjs/router";
import { createResource, createSignal, For, Show } from "solid-js";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import { refocusIfLost } from "../../lib/focus";
import { Field } from "../../lib/form";
import { byId, idsOf } from "../../lib/keyed";
import { settled } from "../../lib/resource";
import { restrainingOrderText } from "../../lib/restraining-order";
import { countText, EscalationBadge, errorText, LateBadge } from "./parts";
import { refreshReminders, reminders } from "./reminders";
import type { OverviewAction } from "./types";

/**
 * One of my actions, with its quick update form. `onSaved` reloads the list; the card stays (the list
 * is keyed by id), so its message and the button that has the keyboard stay too.
 */
function MyActionCard(props: { action: OverviewAction; onSaved: () => Promise<void> }) {
  const [note, setNote] = createSignal("");
  const [reason, setReason] = createSignal(props.action.lateReason ?? "");
  const [busy, setBusy] = createSignal(false);
  const [message, setMessage] = createSignal<{ error: boolean; text: string } | null>(null);
  const a = () => props.action;
  let statusLine: HTMLParagraphElement | undefined;
  const save = async (status?: OverviewAction["status"]) => {
    // Not `disabled` while saving: a disabled button loses the keyboard focus to the page.
    if (busy()) return;
    setBusy(true);
    setMessage(null);
    try {
      const body: Record<string, unknown> = {};
      if (status) body.status = status;
      if (note().trim()) body.note = note().trim();
      if (a().overdue && reason() && reason() !== a().lateReason) body.lateReason = reason();
      await api.patch(`/actions/${a().id}`, body);
      setNote("");
      setMessage({ error: false, text: t("fu.saved") });
      refreshReminders();
      await props.onSaved();
      // "Markeer als bezig" is gone once the action is in progress: the keyboard goes to the message.
      refocusIfLost(() => statusLine);
    } catch (e) {
      setMessage({ error: true, text: errorText(e) });
    } finally {
      setBusy(false);
    }
  };
  const headingId = () => `fu-action-${a().id}`;
  return (
    <article
      class="ep-card ep-fu-card"
      classList={{ "ep-fu-card--late": a().overdue }}
      aria-labelledby={headingId()}
    >
      <h2 class="utrecht-heading-3" id={headingId()}>
        <A href={`/acties/${a().id}`}>{a().title}</A>
      </h2>
      <p class="ep-fu-meta">
        <span>
          {t("fu.case")}: <A href={`/casussen/${a().case.id}`}>{a().case.reference}</A>
        </span>
        <span>
          {t("fu.due")}: {formatDate(a().dueDate)}
        </span>
        <span>
          {t("fu.status")}: {t(`fu.status.${a().status}`)}
        </span>
        <LateBadge action={a()} />
        <EscalationBadge action={a()} />
      </p>
      <Show when={a().status === "open" || a().status === "in_progress"}>
        <form
          class="ep-fu-quick"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field id={`note-${a().id}`} label={t("fu.note")}>
            <textarea
              id={`note-${a().id}`}
              class="utrecht-textarea"
              rows="2"
              maxlength="2000"
              value={note()}
              onInput={(e) => setNote(e.currentTarget.value)}
            />
          </Field>
          <Show when={a().overdue}>
            <Field id={`reason-${a().id}`} label={t("fu.reason")}>
              <select
                id={`reason-${a().id}`}
                class="utrecht-select"
                value={reason()}
                onChange={(e) => setReason(e.currentTarget.value)}
              >
                <option value="">{t("fu.lateReason.none")}</option>
                <option value="circumstances_changed">{t("fu.lateReason.circumstances_changed")}</option>
                <option value="not_carried_out">{t("fu.lateReason.not_carried_out")}</option>
              </select>
            </Field>
          </Show>
          <div class="ep-fu-buttons">
            <Show when={a().status === "open"}>
              <button
                type="button"
                class="utrecht-button utrecht-button--secondary-action"
                aria-disabled={busy() ? "true" : undefined}
                onClick={() => save("in_progress")}
              >
                {t("my.markInProgress")}
              </button>
            </Show>
            <button
              type="button"
              class="utrecht-button utrecht-button--primary-action"
              aria-disabled={busy() ? "true" : undefined}
              onClick={() => save("done")}
            >
              {t("my.markDone")}
            </button>
            <button
              type="submit"
              class="utrecht-button utrecht-button--subtle"
              aria-disabled={busy() ? "true" : undefined}
            >
              {/* A late action's reason goes with it: say so, not "note only". */}
              {t(a().overdue ? "my.saveNoteAndReason" : "my.saveNote")}
            </button>
          </div>
          <p
            role="status"
            tabindex="-1"
            ref={(el) => (statusLine = el)}
            class={message()?.error ? "ep-error" : "ep-muted"}
          >
            {message()?.text ?? ""}
          </p>
        </form>
      </Show>
    </article>
  );
}

export function MyActions() {
  const [showDone, setShowDone] = createSignal(false);
  const [list, { refetch }] = createResource(
    () => ({ all: showDone() }),
    ({ all }) =>
      api.get<{ actions: OverviewAction[] }>(
        `/actions?owner=me${all ? "" : "&status=open,in_progress"}&sort=due&dir=asc`,
      ),
  );
  const actions = () => settled(list)?.actions ?? [];
  const ids = idsOf(actions);
  // An action done (or, with finished ones hidden, no longer open) leaves the list with its card:
  // this line says so and takes the keyboard instead.
  const [left, setLeft] = createSignal("");
  let leftLine: HTMLParagraphElement | undefined;
  const saved = async (action: OverviewAction) => {
    setLeft("");
    await refetch();
    if (ids().includes(action.id)) return;
    setLeft(t("my.leftList", { title: action.title }));
    leftLine?.focus();
  };
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("my.title")}</h1>
      <p>{t("my.intro")}</p>
      <section class="ep-card ep-fu-reminders" aria-labelledby="fu-reminders-title">
        <h2 class="utrecht-heading-2" id="fu-reminders-title">
          {t("my.remindersTitle")}
        </h2>
        <Show when={settled(reminders)} fallback={<p>{t("app.loading")}</p>}>
          {(r) => (
            <>
              <Show when={r().restrainingOrders.length > 0}>
                <ul class="ep-fu-reminder-list" aria-label={t("huisverbod.title")}>
                  <For each={r().restrainingOrders}>
                    {(order) => (
                      <li>
                        <A href={`/casussen/${order.caseId}/fase`}>{order.reference}</A> —{" "}
                        <strong class="ep-text-warning">{restrainingOrderText(order.until)}</strong>
                        {order.extendable ? ` ${t("huisverbod.stillExtendable")}` : ""}
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
              <Show when={r().count > 0} fallback={<p>{t("my.remindersNone")}</p>}>
                <p>{countText("my.remindersCount", r().count)}</p>
                <ul class="ep-fu-reminder-list">
                  <For each={r().actions}>
                    {(a) => (
                      <li>
                        <A href={`/acties/${a.id}`}>{a.title}</A> — {a.case.reference},{" "}
                        {formatDate(a.dueDate)} <LateBadge action={a} /> <EscalationBadge action={a} />
                      </li>
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </section>
      <div class="ep-fu-check">
        <input
          type="checkbox"
          id="fu-show-done"
          checked={showDone()}
          onChange={(e) => setShowDone(e.currentTarget.checked)}
        />
        <label for="fu-show-done">{t("my.showDone")}</label>
      </div>
      <Show when={list.error}>
        <p role="alert" class="ep-error">
          {t("fu.loadError")}
        </p>
      </Show>
      <p role="status" tabindex="-1" class="ep-muted" ref={(el) => (leftLine = el)}>
        {left()}
      </p>
      <Show when={settled(list)}>
        <Show when={ids().length > 0} fallback={<p>{t("my.empty")}</p>}>
          <For each={ids()}>
            {(id) => {
              const action = () => byId(actions(), id);
              return <MyActionCard action={action()} onSaved={() => saved(action())} />;
            }}
          </For>
        </Show>
      </Show>
    </div>
  );
}
