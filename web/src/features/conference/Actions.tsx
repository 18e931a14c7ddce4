/** Action items: the live list, the form for chair and case director, and the review of open actions. */
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { formatDate, t } from "../../i18n";
import type { CaseMember } from "../../lib/case";
import { type ConferenceSession, refusalText } from "./session";
import type { ActionView, DecisionView, TextWarning } from "./types";
import { WarningReason } from "./WarningReason";

/** "Owner (organisation), due date" for one action. */
export function ownerLine(a: ActionView) {
  return t("conf.actionLine", {
    owner: a.owner?.name ?? "—",
    org: a.organisation?.name ?? t("conf.noOrganisation"),
    date: formatDate(a.dueDate),
  });
}

/** The actions agreed in this conference, and the form to add one. */
export function Actions(props: {
  session: ConferenceSession;
  actions: ActionView[];
  decisions: DecisionView[];
  members: CaseMember[];
  canCreate: boolean;
  isChair: boolean;
  running: boolean;
}) {
  const id = createUniqueId();
  const [title, setTitle] = createSignal("");
  const [owner, setOwner] = createSignal("");
  const [due, setDue] = createSignal("");
  const [decision, setDecision] = createSignal("");
  const [missing, setMissing] = createSignal<string[]>([]);
  const [error, setError] = createSignal<string>();
  const [warnings, setWarnings] = createSignal<TextWarning[]>([]);
  const [busy, setBusy] = createSignal(false);
  const owners = () => props.members.filter((m) => m.role !== "observer");

  const create = async (warningOverride?: string) => {
    const miss = [!title().trim() && "title", !owner() && "owner", !due() && "due"].filter(
      Boolean,
    ) as string[];
    setMissing(miss);
    if (miss.length) {
      document.getElementById(`${id}-${miss[0]}`)?.focus();
      return;
    }
    setBusy(true);
    const ack = await props.session.send("action:create", {
      conferenceId: props.session.state()?.conference.id,
      title: title().trim(),
      ownerUserId: owner(),
      dueDate: due(),
      ...(decision() ? { decisionId: decision() } : {}),
      ...(warningOverride ? { warningOverride } : {}),
    });
    setBusy(false);
    if (ack.ok) {
      setTitle("");
      setOwner("");
      setDue("");
      setDecision("");
      setError(undefined);
      setWarnings([]);
    } else if (ack.error.code === "warning_needs_reason") {
      setWarnings(ack.error.warnings ?? []);
      setError(undefined);
    } else setError(refusalText(ack.error));
  };
  const invalid = (f: string) => (missing().includes(f) ? "true" : undefined);
  const errOf = (f: string) => (missing().includes(f) ? `${id}-${f}-err` : undefined);

  return (
    <section class="ep-conf-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} class="ep-conf-heading">
        {t("conf.actions")}
      </h3>
      <Show
        when={props.actions.length > 0}
        fallback={<p class="ep-muted ep-conf-small">{t("conf.actionsEmpty")}</p>}
      >
        <ul class="ep-conf-list ep-conf-actions">
          <For each={props.actions}>
            {(a) => (
              <li class="ep-conf-action">
                <strong>{a.title}</strong>
                <span class="ep-conf-small">{ownerLine(a)}</span>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={props.running && props.canCreate}>
        <form
          class="ep-conf-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void create();
          }}
        >
          <h4 class="ep-conf-subheading">{t("conf.newAction")}</h4>
          <div class="ep-field">
            <label class="utrecht-form-label" for={`${id}-title`}>
              {t("conf.actionTitle")}
            </label>
            <input
              id={`${id}-title`}
              class="utrecht-textbox"
              value={title()}
              aria-invalid={invalid("title")}
              aria-describedby={errOf("title")}
              onInput={(e) => {
                setTitle(e.currentTarget.value);
                setWarnings([]);
              }}
            />
            <Show when={missing().includes("title")}>
              <p id={`${id}-title-err`} class="ep-error">
                {t("conf.required")}
              </p>
            </Show>
          </div>
          <div class="ep-field">
            <label class="utrecht-form-label" for={`${id}-owner`}>
              {t("conf.owner")}
            </label>
            <select
              id={`${id}-owner`}
              class="utrecht-select"
              aria-invalid={invalid("owner")}
              aria-describedby={errOf("owner")}
              value={owner()}
              onChange={(e) => setOwner(e.currentTarget.value)}
            >
              <option value="">{t("conf.ownerPick")}</option>
              <For each={owners()}>
                {(m) => (
                  <option value={m.userId} selected={owner() === m.userId}>
                    {m.name} — {m.organisation?.name ?? t(`role.${m.role}`)}
                  </option>
                )}
              </For>
            </select>
            <Show when={missing().includes("owner")}>
              <p id={`${id}-owner-err`} class="ep-error">
                {t("conf.required")}
              </p>
            </Show>
          </div>
          <div class="ep-field">
            <label class="utrecht-form-label" for={`${id}-due`}>
              {t("conf.dueDate")}
            </label>
            <input
              id={`${id}-due`}
              type="date"
              class="utrecht-textbox ep-conf-date"
              value={due()}
              aria-invalid={invalid("due")}
              aria-describedby={errOf("due")}
              onInput={(e) => setDue(e.currentTarget.value)}
            />
            <Show when={missing().includes("due")}>
              <p id={`${id}-due-err`} class="ep-error">
                {t("conf.required")}
              </p>
            </Show>
          </div>
          <Show when={props.decisions.some((d) => d.status !== "withdrawn")}>
            <div class="ep-field">
              <label class="utrecht-form-label" for={`${id}-decision`}>
                {t("conf.fromDecision")}
              </label>
              <select
                id={`${id}-decision`}
                class="utrecht-select"
                value={decision()}
                onChange={(e) => setDecision(e.currentTarget.value)}
              >
                <option value="">{t("conf.noDecision")}</option>
                <For each={props.decisions.filter((d) => d.status !== "withdrawn")}>
                  {(d) => (
                    <option value={d.id} selected={decision() === d.id}>
                      {d.text.length > 60 ? `${d.text.slice(0, 60)}…` : d.text}
                    </option>
                  )}
                </For>
              </select>
            </div>
          </Show>
          <Show when={error()}>
            <p class="ep-error" role="alert">
              {error()}
            </p>
          </Show>
          <Show when={warnings().length > 0}>
            <WarningReason
              warnings={warnings()}
              canOverride={props.isChair}
              busy={busy()}
              onSubmit={(r) => void create(r)}
            />
          </Show>
          <button type="submit" class="utrecht-button utrecht-button--secondary-action" disabled={busy()}>
            {t("conf.createAction")}
          </button>
        </form>
      </Show>
    </section>
  );
}
