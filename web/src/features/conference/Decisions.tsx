/** Decision cards: propose, record positions (objection needs a reason), adopt (chair). */
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { withoutPosition } from "../../../../shared/positions";
import { t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { createFieldProblems, Field, FormAlert, ReasonField } from "../../lib/form";
import { byId, idsOf } from "../../lib/keyed";
import { type ConferenceSession, type Refusal, refusalText } from "./session";
import type { AttendanceView, DecisionView, TextWarning } from "./types";
import { WarningReason } from "./WarningReason";

/** Who may do what here, decided by the panel from the case role and attendance. */
export interface DecisionRights {
  myId: string;
  running: boolean;
  canPropose: boolean;
  canPosition: boolean;
  isChair: boolean;
}

const positionKinds = ["agree", "abstain", "object"] as const;

/** The list of decisions with the propose form on top. */
export function Decisions(props: {
  session: ConferenceSession;
  decisions: DecisionView[];
  /** Who is in the room: a proposal names those present who have no position yet. */
  attendance: AttendanceView[];
  rights: DecisionRights;
}) {
  const id = createUniqueId();
  const decisionIds = idsOf(() => props.decisions);
  const [text, setText] = createSignal("");
  const fields = createFieldProblems(id, ["text"]);
  const [error, setError] = createSignal<string>();
  const [warnings, setWarnings] = createSignal<TextWarning[]>([]);
  const [busy, setBusy] = createSignal(false);
  let submitButton: HTMLButtonElement | undefined;

  const propose = async (warningOverride?: string) => {
    if (busy()) return;
    const body = text().trim();
    if (fields.show({ text: body ? undefined : t("conf.required") })) {
      setError(undefined);
      return;
    }
    setBusy(true);
    const ack = await props.session.send("decision:propose", {
      conferenceId: props.session.state()?.conference.id,
      text: body,
      ...(warningOverride ? { warningOverride } : {}),
    });
    setBusy(false);
    if (ack.ok) {
      setText("");
      setError(undefined);
      setWarnings([]);
      // Proposed past a warning: its button went with the warning, back to the form.
      refocusIfLost(() => submitButton);
    } else if (ack.error.code === "warning_needs_reason") {
      setWarnings(ack.error.warnings ?? []);
      setError(undefined);
    } else setError(refusalText(ack.error));
  };

  return (
    <section class="ep-conf-section" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`} class="ep-conf-heading">
        {t("conf.decisions")}
      </h3>
      <Show
        when={props.decisions.length > 0}
        fallback={<p class="ep-muted ep-conf-small">{t("conf.decisionsEmpty")}</p>}
      >
        <ol class="ep-conf-list">
          <For each={decisionIds()}>
            {(decisionId) => (
              <li>
                <DecisionCard
                  session={props.session}
                  decision={byId(props.decisions, decisionId)}
                  attendance={props.attendance}
                  rights={props.rights}
                />
              </li>
            )}
          </For>
        </ol>
      </Show>
      <Show when={props.rights.running && props.rights.canPropose}>
        <form
          class="ep-conf-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void propose();
          }}
        >
          <Field
            id={`${id}-text`}
            label={t("conf.proposeLabel")}
            hint={t("conf.proposeHint")}
            error={fields.problem("text")}
          >
            {(control) => (
              <textarea
                {...control}
                class="utrecht-textarea ep-conf-textarea"
                rows="3"
                value={text()}
                onInput={(e) => {
                  setText(e.currentTarget.value);
                  fields.changed("text");
                  setWarnings([]);
                }}
              />
            )}
          </Field>
          <FormAlert message={error()} />
          <Show when={warnings().length > 0}>
            <WarningReason
              warnings={warnings()}
              canOverride={props.rights.isChair}
              busy={busy()}
              onSubmit={(r) => void propose(r)}
            />
          </Show>
          <button
            type="submit"
            ref={submitButton}
            class="utrecht-button utrecht-button--secondary-action"
            aria-disabled={busy() ? "true" : undefined}
          >
            {t("conf.propose")}
          </button>
        </form>
      </Show>
    </section>
  );
}

function tally(d: DecisionView) {
  const count = (p: string) => d.positions.filter((x) => x.position === p).length;
  return t("conf.tally", { agree: count("agree"), abstain: count("abstain"), object: count("object") });
}

/** One decision: text, status, positions, and the buttons the user may use. */
function DecisionCard(props: {
  session: ConferenceSession;
  decision: DecisionView;
  attendance: AttendanceView[];
  rights: DecisionRights;
}) {
  const id = createUniqueId();
  const [objecting, setObjecting] = createSignal(false);
  const [reason, setReason] = createSignal("");
  const reasonFields = createFieldProblems(id, ["reason"]);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  let card: HTMLElement | undefined;
  const objectButton = () => card?.querySelector<HTMLElement>('[data-position="object"]');
  const mine = () => props.decision.positions.find((p) => p.userId === props.rights.myId)?.position;
  const open = () => props.decision.status === "proposed" && props.rights.running;
  // Shown to everyone while proposed: the chair sees whom to ask before adopting, the others see it too.
  const waiting = () =>
    props.decision.status === "proposed" ? withoutPosition(props.decision, props.attendance) : [];

  const run = async (
    event: "decision:position" | "decision:adopt" | "decision:withdraw",
    payload: Record<string, unknown>,
  ) => {
    if (busy()) return false;
    setBusy(true);
    const ack = await props.session.send(event, payload);
    setBusy(false);
    if (ack.ok) setError(undefined);
    else setError(refusalText(ack.error as Refusal));
    // After adopting or withdrawing, the button used is gone: keep keyboard users on the card.
    if (ack.ok && event !== "decision:position") refocusIfLost(() => card);
    return ack.ok;
  };
  const position = async (p: (typeof positionKinds)[number]) => {
    if (busy()) return;
    if (p === "object") {
      setObjecting(true);
      queueMicrotask(() => document.getElementById(`${id}-reason`)?.focus());
      return;
    }
    setObjecting(false);
    await run("decision:position", { decisionId: props.decision.id, position: p });
  };
  const object = async () => {
    const note = reason().trim();
    if (reasonFields.show({ reason: note ? undefined : t("conf.objectionRequired") })) return;
    if (await run("decision:position", { decisionId: props.decision.id, position: "object", note })) {
      setObjecting(false);
      setReason("");
      // The form is gone; the pressed "Bezwaar" button now says what was recorded.
      refocusIfLost(objectButton);
    }
  };
  const cancelObjection = () => {
    setObjecting(false);
    reasonFields.show({});
    objectButton()?.focus();
  };
  // One position looks chosen at a time: while an objection is being written, "Bezwaar" (the one
  // recorded so far shows in the list of positions above).
  const pressed = (p: string) => (objecting() ? p === "object" : mine() === p);

  return (
    <article
      ref={card}
      tabindex="-1"
      data-decision-id={props.decision.id}
      class={`ep-conf-decision ep-conf-decision--${props.decision.status}`}
      aria-labelledby={`${id}-text`}
    >
      <p class="ep-conf-decision__status">
        <span
          class={`ep-badge ${props.decision.status === "adopted" ? "ep-badge--ok" : props.decision.status === "withdrawn" ? "ep-badge--warning" : ""}`}
        >
          {t(`conf.decision.${props.decision.status}`)}
        </span>
        <Show when={props.decision.status === "adopted" && props.decision.planVersion !== null}>
          <span class="ep-conf-small">
            {" "}
            {t("conf.planVersion", { n: props.decision.planVersion?.number ?? "" })}
          </span>
        </Show>
      </p>
      <p
        id={`${id}-text`}
        class={
          props.decision.status === "withdrawn"
            ? "ep-conf-decision__text ep-conf-withdrawn"
            : "ep-conf-decision__text"
        }
      >
        {props.decision.text}
      </p>
      <Show when={props.decision.warningOverride}>
        {(reason) => (
          <p class="ep-warning ep-conf-small">{t("minutes.warningOverride", { reason: reason() })}</p>
        )}
      </Show>
      <Show when={props.decision.proposedBy}>
        {(by) => <p class="ep-muted ep-conf-small">{t("conf.decisionBy", { name: by().name })}</p>}
      </Show>
      <p class="ep-conf-small">
        <strong>{tally(props.decision)}</strong>
      </p>
      <Show when={waiting().length > 0}>
        <p class="ep-conf-small" data-no-position>
          {t("conf.noPositionYet", {
            names: waiting()
              .map((a) => a.name)
              .join(", "),
          })}
        </p>
      </Show>
      <Show when={props.decision.positions.length > 0}>
        <ul class="ep-conf-positions" aria-label={t("conf.positionsOf")}>
          <For each={props.decision.positions}>
            {(p) => (
              <li>
                {p.name}: <strong>{t(`conf.position.${p.position}`)}</strong>
                <Show when={p.note}>{(n) => <> — “{n()}”</>}</Show>
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={open() && props.rights.canPosition}>
        <fieldset class="ep-conf-fieldset">
          <legend class="ep-conf-small">{t("conf.myPosition")}</legend>
          <div class="ep-conf-buttons">
            <For each={positionKinds}>
              {(p) => (
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action ep-conf-position"
                  data-position={p}
                  aria-pressed={pressed(p) ? "true" : "false"}
                  aria-disabled={busy() ? "true" : undefined}
                  onClick={() => void position(p)}
                >
                  <Show when={pressed(p)}>
                    <span aria-hidden="true">✓ </span>
                  </Show>
                  {t(`conf.position.${p}`)}
                </button>
              )}
            </For>
          </div>
        </fieldset>
        <Show when={objecting()}>
          <form
            class="ep-conf-form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              void object();
            }}
            // Escape leaves the objection unwritten, as it closes the other forms in the panel.
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              e.preventDefault();
              cancelObjection();
            }}
          >
            <ReasonField
              class="ep-conf-textarea"
              id={`${id}-reason`}
              label={t("conf.objectionReason")}
              error={reasonFields.problem("reason")}
              value={reason()}
              onInput={(value) => {
                setReason(value);
                reasonFields.changed("reason");
              }}
            />
            <div class="ep-conf-buttons">
              <button
                type="submit"
                class="utrecht-button utrecht-button--primary-action"
                aria-disabled={busy() ? "true" : undefined}
              >
                {t("conf.submitObjection")}
              </button>
              <button type="button" class="utrecht-button utrecht-button--subtle" onClick={cancelObjection}>
                {t("conf.cancel")}
              </button>
            </div>
          </form>
        </Show>
      </Show>
      <Show when={open() && (props.rights.isChair || props.decision.proposedBy?.id === props.rights.myId)}>
        <div class="ep-conf-buttons ep-conf-decision__chair">
          <Show when={props.rights.isChair}>
            <button
              type="button"
              class="utrecht-button utrecht-button--primary-action ep-conf-adopt"
              aria-disabled={busy() ? "true" : undefined}
              onClick={() => void run("decision:adopt", { decisionId: props.decision.id })}
            >
              {t("conf.adopt")}
            </button>
          </Show>
          <button
            type="button"
            class="utrecht-button utrecht-button--subtle ep-conf-withdraw"
            aria-disabled={busy() ? "true" : undefined}
            onClick={() => void run("decision:withdraw", { decisionId: props.decision.id })}
          >
            {t("conf.withdraw")}
          </button>
        </div>
      </Show>
      <FormAlert message={error()} />
    </article>
  );
}
