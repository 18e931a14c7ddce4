/** Decisions: the list of cards (DecisionCard.tsx) and the form to propose one. */
import { createSignal, createUniqueId, For, Show } from "solid-js";
import { t } from "../../i18n";
import { refocusIfLost } from "../../lib/focus";
import { createFieldProblems, describedBy, Field, FormAlert } from "../../lib/form";
import { byId, idsOf } from "../../lib/keyed";
import { AudienceHint, DecisionCard, isProfessional } from "./DecisionCard";
import { type ConferenceSession, refusalText } from "./session";
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
  // Everyone present reads a proposal, the ervaringsdeskundige too: a professional is told so where
  // it is written (the police's justice details belong in the restricted section).
  const professional = () =>
    isProfessional(props.attendance.find((a) => a.userId === props.rights.myId)?.role);
  const audienceId = `${id}-text-audience`;

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
              <>
                <textarea
                  {...control}
                  // In the order they show: the hint above, who reads it below, then any problem.
                  aria-describedby={describedBy(
                    `${id}-text-hint`,
                    professional() && audienceId,
                    fields.problem("text") && fields.errorId("text"),
                  )}
                  // Where the agenda sends the chair's keyboard after its last item (Agenda.tsx).
                  data-decision-proposal
                  class="utrecht-textarea ep-conf-textarea"
                  rows="3"
                  value={text()}
                  onInput={(e) => {
                    setText(e.currentTarget.value);
                    fields.changed("text");
                    setWarnings([]);
                  }}
                />
                <AudienceHint id={audienceId} when={professional()} />
              </>
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
