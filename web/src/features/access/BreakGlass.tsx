/**
 * Emergency access (noodtoegang) as the case pages show it: the offer to a procesregisseur who is
 * not a member, and the notice while it is active. The form itself is on Leden, at `#noodtoegang`.
 */
import { A, useLocation } from "@solidjs/router";
import { createSignal, type JSX } from "solid-js";
import { breakGlassReasonMin } from "../../../../shared/schemas/access";
import { formatDate, t } from "../../i18n";
import { api } from "../../lib/api";
import { apiProblem, createFieldProblems, Field } from "../../lib/form";

/** The id of the emergency-access form on Leden, which a link can jump to. */
export const breakGlassAnchor = "noodtoegang";

/** The server wants a reason of at least this many characters (spaces around it do not count). */
const minLength = breakGlassReasonMin;

/** The address of the emergency-access form of a case. */
export const breakGlassHref = (caseId: string) => `/casussen/${caseId}/leden#${breakGlassAnchor}`;

/**
 * Says that the user looks in by emergency access and that every read is flagged, with until when
 * if known. `ref` lets a page move the keyboard here (after the form that asked for it is gone).
 */
export function BreakGlassActive(props: {
  /** When the access ends (`breakGlassUntil` of the case). */
  until: string | null;
  children?: JSX.Element;
  ref?: (el: HTMLElement) => void;
}) {
  const text = () =>
    props.until
      ? t("members.breakGlassActiveUntil", { date: formatDate(props.until, true) })
      : t("members.breakGlassActive");
  return (
    <div class="ep-warning ep-stack" role="status" tabindex="-1" ref={props.ref}>
      <p>{text()}</p>
      {props.children}
    </div>
  );
}

/** On the plan of a case the user may not read: that emergency access can be asked, and where. */
export function BreakGlassOffer(props: { caseId: string }) {
  return (
    <div class="ep-notice ep-stack">
      <p>{t("plan.breakGlassOffer")}</p>
      <p>
        <A href={breakGlassHref(props.caseId)}>{t("plan.breakGlassOfferLink")}</A>
      </p>
    </div>
  );
}

/**
 * The request for emergency access: a reason of at least {@link minLength} characters, said up
 * front in the field's hint. Arrived by the workspace's link (`#noodtoegang`), the keyboard starts
 * on its heading, so the intro is read and the next Tab is the field.
 */
export function BreakGlassForm(props: { caseId: string; onGranted: () => void }) {
  const location = useLocation();
  const [reason, setReason] = createSignal("");
  const [refused, setRefused] = createSignal("");
  const fields = createFieldProblems("break-glass", ["reason"]);
  const problem = () => {
    const length = reason().trim().length;
    if (length === 0) return t("members.breakGlassMissing");
    if (length < minLength) return t("members.breakGlassTooShort", { n: minLength });
    return undefined;
  };
  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setRefused("");
    if (fields.show({ reason: problem() })) return;
    try {
      await api.post(`/cases/${props.caseId}/break-glass`, { reason: reason() });
      setReason("");
      // The case, loaded again, says until when (`breakGlassUntil`).
      props.onGranted();
    } catch (err) {
      setRefused(apiProblem(err));
    }
  };
  return (
    <form
      id={breakGlassAnchor}
      class="ep-card ep-stack ep-break-glass"
      aria-labelledby="break-glass-heading"
      noValidate
      onSubmit={submit}
    >
      <h3
        class="utrecht-heading-3"
        id="break-glass-heading"
        tabindex="-1"
        ref={(el) => {
          if (location.hash === `#${breakGlassAnchor}`) requestAnimationFrame(() => el.focus());
        }}
      >
        {t("members.breakGlass")}
      </h3>
      <p>{t("members.breakGlassIntro")}</p>
      <Field
        id="break-glass-reason"
        label={t("members.breakGlassReason")}
        hint={t("members.breakGlassHint", { n: minLength })}
        error={fields.problem("reason")}
      >
        {(control) => (
          <textarea
            {...control}
            class="utrecht-textarea"
            rows="3"
            required
            minlength={minLength}
            maxlength="500"
            value={reason()}
            onInput={(e) => {
              setReason(e.currentTarget.value);
              fields.changed("reason");
            }}
          />
        )}
      </Field>
      <button type="submit" class="utrecht-button utrecht-button--primary-action">
        {t("members.breakGlassSubmit")}
      </button>
      {/* Always there, so a refusal by the server is announced. */}
      <p role="status" aria-live="polite" class={refused() ? "ep-error" : "ep-muted"}>
        {refused()}
      </p>
    </form>
  );
}
