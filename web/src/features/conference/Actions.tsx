/** Action items: the live list, the form for chair and case director, and the review of open actions. */
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { amsterdamDate } from "../../../../shared/dates";
import { DateInput } from "../../components/DateInput";
import { formatDate, t } from "../../i18n";
import type { CaseMember } from "../../lib/case";
import { refocusIfLost } from "../../lib/focus";
import { createFieldProblems, describedBy, Field, FormAlert } from "../../lib/form";
import { me } from "../../lib/session";
import { AudienceHint, isProfessional } from "./DecisionCard";
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

type FieldName = "title" | "owner" | "due";
/** Where the server's field problems (by path) are shown in the form. */
const fieldOfPath: Record<string, FieldName> = { title: "title", ownerUserId: "owner", dueDate: "due" };

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
  const fields = createFieldProblems<FieldName>(id, ["title", "owner", "due"]);
  const [error, setError] = createSignal<string>();
  const [warnings, setWarnings] = createSignal<TextWarning[]>([]);
  const [busy, setBusy] = createSignal(false);
  let submitButton: HTMLButtonElement | undefined;
  const owners = () => props.members.filter((m) => m.role !== "observer");
  // Everyone on the case reads an action's title, the ervaringsdeskundige too: a professional is told
  // so where it is written (the police's justice details belong in the restricted section).
  const professional = () => isProfessional(props.members.find((m) => m.userId === me()?.id)?.role);
  const audienceId = `${id}-title-audience`;
  // Due dates are Amsterdam calendar dates; the server refuses one in the past (and says so per field).
  const today = () => amsterdamDate(new Date());

  const create = async (warningOverride?: string) => {
    if (busy()) return;
    const found: Partial<Record<FieldName, string>> = {};
    if (!title().trim()) found.title = t("conf.required");
    if (!owner()) found.owner = t("conf.required");
    if (!due()) found.due = t("conf.required");
    if (fields.show(found)) return;
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
      // Added past a warning: its button went with the warning, back to the form.
      refocusIfLost(() => submitButton);
      return;
    }
    if (ack.error.code === "warning_needs_reason") {
      setWarnings(ack.error.warnings ?? []);
      setError(undefined);
      return;
    }
    // Field problems from the server (a due date in the past) are shown at their field.
    const fromServer: Partial<Record<FieldName, string>> = {};
    for (const d of ack.error.details ?? []) {
      const field = fieldOfPath[d.path];
      // The server answers in the UI's language (the socket tells it, lib/socket.ts), and says more
      // than our general text per field, which stays for an answer without a message.
      if (field) fromServer[field] = d.message || t(`conf.fieldInvalid.${field}`);
    }
    if (fields.show(fromServer)) setError(undefined);
    else setError(refusalText(ack.error));
  };

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
          <Field id={`${id}-title`} label={t("conf.actionTitle")} error={fields.problem("title")}>
            {(control) => (
              <>
                <input
                  {...control}
                  // In the order they show: who reads it, then any problem.
                  aria-describedby={describedBy(
                    professional() && audienceId,
                    fields.problem("title") && fields.errorId("title"),
                  )}
                  class="utrecht-textbox"
                  value={title()}
                  onInput={(e) => {
                    setTitle(e.currentTarget.value);
                    fields.changed("title");
                    setWarnings([]);
                  }}
                />
                <AudienceHint id={audienceId} when={professional()} />
              </>
            )}
          </Field>
          <Field id={`${id}-owner`} label={t("conf.owner")} error={fields.problem("owner")}>
            {(control) => (
              <select
                {...control}
                class="utrecht-select"
                value={owner()}
                onChange={(e) => {
                  setOwner(e.currentTarget.value);
                  fields.changed("owner");
                }}
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
            )}
          </Field>
          <Field id={`${id}-due`} label={t("conf.dueDate")} error={fields.problem("due")}>
            {(control) => (
              <DateInput
                {...control}
                class="utrecht-textbox ep-conf-date"
                min={today()}
                value={due()}
                onValue={(value) => {
                  setDue(value);
                  fields.changed("due");
                }}
              />
            )}
          </Field>
          <Show when={props.decisions.some((d) => d.status !== "withdrawn")}>
            <Field id={`${id}-decision`} label={t("conf.fromDecision")}>
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
            </Field>
          </Show>
          <FormAlert message={error()} />
          <Show when={warnings().length > 0}>
            <WarningReason
              warnings={warnings()}
              canOverride={props.isChair}
              busy={busy()}
              onSubmit={(r) => void create(r)}
            />
          </Show>
          <button
            type="submit"
            ref={submitButton}
            class="utrecht-button utrecht-button--secondary-action"
            aria-disabled={busy() ? "true" : undefined}
          >
            {t("conf.createAction")}
          </button>
        </form>
      </Show>
    </section>
  );
}
