/**
 * Emergency access (noodtoegang) as the case pages show it: the offer to a procesregisseur who is
 * not a member, and the notice while it is active. The form itself is on Leden, at `#noodtoegang`.
 */
import { A, useLocation } from "@solidjs/router";
import { createSignal, For, type JSX, onMount, Show } from "solid-js";
import type { BreakGlassAccess } from "../../../../shared/schemas/access";
import { breakGlassReasonMin } from "../../../../shared/schemas/access";
import { formatDate, locale, t } from "../../i18n";
import { api } from "../../lib/api";
import { apiProblem, createFieldProblems, Field } from "../../lib/form";

/** The id of the emergency-access form on Leden, which a link can jump to. */
export const breakGlassAnchor = "noodtoegang";

/** The server wants a reason of at least this many characters (spaces around it do not count). */
const minLength = breakGlassReasonMin;

/** The address of the emergency-access form of a case. */
export const breakGlassHref = (caseId: string) => `/casussen/${caseId}/leden#${breakGlassAnchor}`;

/** What a link in the notice hands the page it opens (`<A state={toNotice}>`): put the keyboard on that page's notice. */
export const toNotice = { breakGlassNotice: true } as const;

/**
 * Says that the user looks in by emergency access and that every read is flagged, with until when
 * if known. `ref` lets a page move the keyboard here (after the form that asked for it is gone).
 * A link in it given `state={toNotice}` (Leden's "Naar het veiligheidsplan") opens a page whose
 * notice takes the keyboard: the link is gone with the old page, and the notice is what the reader
 * must hear first there, not the row of tabs the keyboard would otherwise land on.
 */
export function BreakGlassActive(props: {
  /** When the access ends (`breakGlassUntil` of the case). */
  until: string | null;
  children?: JSX.Element;
  ref?: (el: HTMLElement) => void;
}) {
  const location = useLocation();
  let box: HTMLDivElement | undefined;
  const text = () =>
    props.until
      ? t("members.breakGlassActiveUntil", { date: formatDate(props.until, true) })
      : t("members.breakGlassActive");
  onMount(() => {
    if ((location.state as Partial<typeof toNotice> | null | undefined)?.breakGlassNotice) box?.focus();
  });
  return (
    <div
      class="ep-warning ep-stack"
      role="status"
      tabindex="-1"
      ref={(el) => {
        box = el;
        props.ref?.(el);
      }}
    >
      <p>{text()}</p>
      {props.children}
    </div>
  );
}

/** "25 november" and "02:10": a day and a time of an instant, in Amsterdam time. */
function dayAndTime(value: string): { day: string; time: string } {
  const options = { timeZone: "Europe/Amsterdam" } as const;
  const lang = locale() === "nl" ? "nl-NL" : "en-GB";
  const date = new Date(value);
  return {
    day: new Intl.DateTimeFormat(lang, { ...options, day: "numeric", month: "long" }).format(date),
    time: new Intl.DateTimeFormat(lang, {
      ...options,
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).format(date),
  };
}

/**
 * One emergency access in words: who (and their organisation), from when to when (one day named
 * once), and the reason they gave.
 */
function accessText(access: BreakGlassAccess): string {
  const from = dayAndTime(access.from);
  const until = dayAndTime(access.until);
  const when =
    from.day === until.day
      ? t("breakGlassSeen.whenSameDay", { day: from.day, from: from.time, to: until.time })
      : t("breakGlassSeen.whenDays", { from: `${from.day} ${from.time}`, to: `${until.day} ${until.time}` });
  const who = access.organisation ? `${access.user.name} (${access.organisation.name})` : access.user.name;
  const line = t(access.active ? "breakGlassSeen.reading" : "breakGlassSeen.read", { who, when });
  return `${line} ${t("breakGlassSeen.reason", { reason: access.reason })}`;
}

/**
 * Under the header of every case page, for its chair and case director (the server sends the list
 * to them alone): who read the file by emergency access in the last 30 days, when and why. So the
 * case director can answer the household's "who read my file?" without the Logboek.
 */
export function BreakGlassAccesses(props: { accesses: BreakGlassAccess[] }) {
  return (
    <Show when={props.accesses.length > 0}>
      <div class="ep-warning ep-stack" data-testid="break-glass-accesses">
        <For each={props.accesses}>{(access) => <p>{accessText(access)}</p>}</For>
        <p>{t("breakGlassSeen.note")}</p>
      </div>
    </Show>
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
