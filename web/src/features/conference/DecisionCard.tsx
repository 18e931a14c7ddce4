/** One decision card: its text, status and positions, and the buttons and forms the user may use. */
import { createEffect, createSignal, createUniqueId, For, on, Show } from "solid-js";
import type { CaseRole } from "../../../../shared/domain";
import { professionalRoles } from "../../../../shared/plan";
import { withoutPosition } from "../../../../shared/positions";
import { Confirm } from "../../components/Confirm";
import { t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { createFieldProblems, describedBy, FieldError, FormAlert } from "../../lib/form";
import type { DecisionRights } from "./Decisions";
import { type ConferenceSession, type Refusal, refusalText } from "./session";
import type { AttendanceView, DecisionView } from "./types";

const positionKinds = ["agree", "abstain", "object"] as const;

/**
 * Whether someone with this case role is a professional: they read the sections the
 * ervaringsdeskundige may not (police and justice information), so what they write in the
 * conference, which she reads too, is where such information slips out.
 */
export const isProfessional = (role: string | undefined): boolean =>
  professionalRoles.includes(role as CaseRole);

/**
 * Under a field a professional writes in during the conference (a proposal, an action's title):
 * everyone reads it, the ervaringsdeskundige too; police and justice details belong elsewhere.
 */
export function AudienceHint(props: { id: string; when: boolean }) {
  return (
    <Show when={props.when}>
      <p id={props.id} class="ep-muted ep-field__hint ep-conf-objection-hint">
        {t("conf.audienceProfessional")}
      </p>
    </Show>
  );
}

/** "1 eens, 0 onthouding, 1 bezwaar". */
function tally(d: DecisionView) {
  const count = (p: string) => d.positions.filter((x) => x.position === p).length;
  return t("conf.tally", { agree: count("agree"), abstain: count("abstain"), object: count("object") });
}

/** One decision: text, status, positions, and the buttons the user may use. */
export function DecisionCard(props: {
  session: ConferenceSession;
  decision: DecisionView;
  attendance: AttendanceView[];
  rights: DecisionRights;
}) {
  const id = createUniqueId();
  const [objecting, setObjecting] = createSignal(false);
  // The position the server last accepted from this user here: said politely, in the page's language.
  const [saved, setSaved] = createSignal<(typeof positionKinds)[number]>();
  // Written anew even when the same position is recorded again, so it is heard again.
  const said = (p: (typeof positionKinds)[number]) => {
    setSaved(undefined);
    setSaved(p);
  };
  const [reason, setReason] = createSignal("");
  const reasonFields = createFieldProblems(id, ["reason"]);
  const [error, setError] = createSignal<string>();
  const [busy, setBusy] = createSignal(false);
  // The chair asked to adopt while present participants have no position: asked first, in the page.
  const [asking, setAsking] = createSignal(false);
  let card: HTMLElement | undefined;
  let adoptButton: HTMLButtonElement | undefined;
  const objectButton = () => card?.querySelector<HTMLElement>('[data-position="object"]');
  const mine = () => props.decision.positions.find((p) => p.userId === props.rights.myId)?.position;
  const myRole = () => props.attendance.find((a) => a.userId === props.rights.myId)?.role;
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
    if (await run("decision:position", { decisionId: props.decision.id, position: p })) said(p);
  };
  const adopt = () => {
    if (busy()) return;
    // Someone silent must not block the meeting, but one keypress must not pass them by unseen.
    if (waiting().length > 0) setAsking(true);
    else void run("decision:adopt", { decisionId: props.decision.id });
  };
  const answer = async (yes: boolean) => {
    // Adopted, the question goes with the open proposal (below); refused, back to the button.
    if (yes && (await run("decision:adopt", { decisionId: props.decision.id }))) return;
    setAsking(false);
    adoptButton?.focus();
  };
  // Whether the keyboard is in this card: a control of it that goes away with the decision being
  // adopted or withdrawn (a position button, the objection) takes it along, out of the page. A
  // control removed from the page may report leaving it without a next element; only a move to
  // another element, or a click beside (the control still there), means the user left the card.
  let keyboardHere = false;
  const onFocusOut = (e: FocusEvent) => {
    const to = e.relatedTarget as Node | null;
    if (to) {
      keyboardHere = !!card?.contains(to);
      return;
    }
    const from = e.target as HTMLElement;
    setTimeout(() => {
      if (from.isConnected && !card?.contains(document.activeElement)) keyboardHere = false;
    });
  };
  createEffect(
    on(
      open,
      (isOpen, wasOpen) => {
        if (isOpen || !wasOpen) return;
        setAsking(false);
        setObjecting(false);
        if (keyboardHere) refocusIfLost(() => card);
      },
      { defer: true },
    ),
  );
  const object = async () => {
    const note = reason().trim();
    if (reasonFields.show({ reason: note ? undefined : t("conf.objectionRequired") })) return;
    if (await run("decision:position", { decisionId: props.decision.id, position: "object", note })) {
      setObjecting(false);
      setReason("");
      said("object");
      // The form is gone; the pressed "Bezwaar" button now says what was recorded.
      refocusIfLost(objectButton);
    }
  };
  const cancelObjection = () => {
    setObjecting(false);
    reasonFields.show({});
    objectButton()?.focus();
  };
  // Pressed means recorded: while an objection is being written nothing is saved yet, so the one
  // recorded so far stays pressed and "Bezwaar" says only that its form is open (aria-expanded).
  const pressed = (p: string) => mine() === p;

  return (
    <article
      ref={card}
      tabindex="-1"
      data-decision-id={props.decision.id}
      class={`ep-conf-decision ep-conf-decision--${props.decision.status}`}
      aria-labelledby={`${id}-text`}
      onFocusIn={() => {
        keyboardHere = true;
      }}
      onFocusOut={onFocusOut}
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
                  aria-expanded={p === "object" ? (objecting() ? "true" : "false") : undefined}
                  aria-controls={p === "object" && objecting() ? `${id}-objection` : undefined}
                  aria-disabled={busy() ? "true" : undefined}
                  onClick={() => void position(p)}
                >
                  <Show when={pressed(p)}>
                    <span aria-hidden="true">✓ </span>
                  </Show>
                  {t(`conf.position.${p}`)}
                  {/* The reason is being written below: open, not yet recorded. */}
                  <Show when={p === "object" && objecting()}>
                    <span aria-hidden="true"> …</span>
                  </Show>
                </button>
              )}
            </For>
          </div>
        </fieldset>
        {/* Once the server has it: the pressed button alone says nothing to a screen reader. */}
        <div role="status" aria-live="polite">
          <Show when={saved()}>
            {(p) => (
              <p class="ep-conf-small">{t("conf.positionSaved", { position: t(`conf.position.${p()}`) })}</p>
            )}
          </Show>
        </div>
        <Show when={objecting()}>
          <form
            id={`${id}-objection`}
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
            {/* Not a ReasonField: its hint, who reads the reason, comes below the text, where it is written. */}
            <div class="ep-field utrecht-form-field">
              <label class="utrecht-form-label" for={`${id}-reason`}>
                {t("conf.objectionReason")}
              </label>
              <textarea
                id={`${id}-reason`}
                class="utrecht-textarea ep-conf-textarea"
                rows={2}
                required
                aria-invalid={reasonFields.problem("reason") ? "true" : undefined}
                aria-describedby={describedBy(
                  `${id}-reason-hint`,
                  reasonFields.problem("reason") && reasonFields.errorId("reason"),
                )}
                value={reason()}
                onInput={(e) => {
                  setReason(e.currentTarget.value);
                  reasonFields.changed("reason");
                }}
              />
              <p id={`${id}-reason-hint`} class="ep-muted ep-field__hint ep-conf-objection-hint">
                {/* The ervaringsdeskundige may not read 'Afgeschermde informatie': she is told only who reads this. */}
                {t(isProfessional(myRole()) ? "conf.audienceProfessional" : "conf.audienceAll")}
              </p>
              <FieldError id={reasonFields.errorId("reason")} message={reasonFields.problem("reason")} />
            </div>
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
      <Show
        when={
          open() && !asking() && (props.rights.isChair || props.decision.proposedBy?.id === props.rights.myId)
        }
      >
        <div class="ep-conf-buttons ep-conf-decision__chair">
          <Show when={props.rights.isChair}>
            <button
              type="button"
              ref={adoptButton}
              class="utrecht-button utrecht-button--primary-action ep-conf-adopt"
              aria-disabled={busy() ? "true" : undefined}
              onClick={adopt}
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
      <Show when={open() && asking()}>
        <Confirm
          question={
            waiting().length > 0
              ? t("conf.adoptConfirm", {
                  names: waiting()
                    .map((a) => a.name)
                    .join(", "),
                })
              : t("conf.adoptConfirmAll")
          }
          yes={t("conf.adoptYes")}
          no={t("conf.cancel")}
          busy={busy()}
          onAnswer={(yes) => void answer(yes)}
        />
      </Show>
      <FormAlert message={error()} />
    </article>
  );
}
