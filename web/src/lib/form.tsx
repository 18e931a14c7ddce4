/** Form fields written once: label, hint, control and problem, tied together for screen readers. */
import { createSignal, type JSX, Show } from "solid-js";
import { t } from "../i18n";
import { ApiError } from "./api";

/** The id of the problem shown below the control with id `controlId`. */
const errorIdOf = (controlId: string) => `${controlId}-err`;

/**
 * The problems of a form's fields. Field `f` is the element with id `${id}-${f}` (a `<Field>` with
 * that id and `error={problem(f)}`); its problem has id `${id}-${f}-err`.
 */
export function createFieldProblems<F extends string>(id: string, order: readonly F[]) {
  const [problems, setProblems] = createSignal<Partial<Record<F, string>>>({});
  const problem = (f: F) => problems()[f];
  const errorId = (f: F) => errorIdOf(`${id}-${f}`);
  return {
    problem,
    errorId,
    /** `aria-invalid` and `aria-describedby` for a field written without `<Field>`. */
    fieldProps: (f: F) => ({
      "aria-invalid": problem(f) ? ("true" as const) : undefined,
      "aria-describedby": problem(f) ? errorId(f) : undefined,
    }),
    /** Shows these problems (and only these); the keyboard goes to the first field that has one. Answers whether there was one. */
    show(found: Partial<Record<F, string>>): boolean {
      setProblems(() => found);
      const first = order.find((f) => found[f]);
      if (first) document.getElementById(`${id}-${first}`)?.focus();
      return first !== undefined;
    },
    /** A field's problem goes away as soon as the user changes that field. */
    changed(f: F) {
      if (problems()[f]) setProblems((p) => ({ ...p, [f]: undefined }));
    },
  };
}

/** An `aria-describedby` value: the ids given that are there, or no attribute at all. */
export const describedBy = (...ids: (string | false | null | undefined)[]) =>
  ids.filter(Boolean).join(" ") || undefined;

/** What a `<Field>` hands its control, to spread on the input, select or textarea. */
export interface FieldControl {
  readonly id: string;
  readonly "aria-invalid": "true" | undefined;
  readonly "aria-describedby": string | undefined;
}

/** A field with a hint or a problem hands its control the ids that describe it; a plain one takes the control as it is. */
type FieldProps = { id: string; label: JSX.Element } & (
  | { hint?: string; error?: string; children: (control: FieldControl) => JSX.Element }
  | { hint?: undefined; error?: undefined; children: JSX.Element }
);

/**
 * A labelled field: the label, a hint if any, the control and its problem. The caller writes the
 * control, so it keeps its own element, attributes and handlers: as a plain child (with `id`), or,
 * to be described by the hint (`${id}-hint`) and by the problem (`${id}-err`) while there is one,
 * as `{(control) => <input {...control} … />}`. With that spread, a `<select>` gets its `value`
 * before `<For>` adds the options, so each of those says itself whether it is chosen (`selected`).
 */
export function Field(props: FieldProps) {
  const hintId = () => `${props.id}-hint`;
  const control: FieldControl = {
    get id() {
      return props.id;
    },
    get "aria-invalid"() {
      return props.error ? "true" : undefined;
    },
    get "aria-describedby"() {
      return describedBy(props.hint && hintId(), props.error && errorIdOf(props.id));
    },
  };
  // Read once, outside any tracking: a plain child is made by reading it, and a change of the
  // control's own signals must not make it anew.
  const child = props.children;
  const input = typeof child === "function" ? child(control) : child;
  return (
    <div class="ep-field utrecht-form-field">
      <label class="utrecht-form-label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.hint}>
        <p id={hintId()} class="ep-muted ep-field__hint">
          {props.hint}
        </p>
      </Show>
      {input}
      <FieldError id={errorIdOf(props.id)} message={props.error} />
    </div>
  );
}

/** What went wrong with a whole form (or a step of it), announced at once; nothing when all is well. */
export function FormAlert(props: { message: string | null | undefined; id?: string }) {
  return (
    <Show when={props.message}>
      <p id={props.id} class="ep-error" role="alert">
        {props.message}
      </p>
    </Show>
  );
}

/** A field's problem, below it; nothing when there is none. */
export function FieldError(props: { id: string; message: string | undefined }) {
  return (
    <Show when={props.message}>
      <p id={props.id} class="ep-error">
        {props.message}
      </p>
    </Show>
  );
}

/** What an API refusal says to the user: the problems it names at fields, else its message. */
export function apiProblem(err: unknown): string {
  if (!(err instanceof ApiError)) return t("app.error");
  return err.details?.length ? err.details.map((d) => d.message).join(" ") : err.message;
}

/** An e-mail address as far as the page checks one: something, one @, something, no spaces. */
export const looksLikeEmail = (address: string) => /^[^\s@]+@[^\s@]+$/.test(address.trim());

/**
 * What is missing or malformed in a name and e-mail address typed for someone else (a new account,
 * an invitation), per field, before anything is sent.
 */
export function personProblems(f: { name: string; email: string }): { name?: string; email?: string } {
  const address = f.email.trim();
  return {
    name: f.name.trim() ? undefined : t("admin.nameMissing"),
    email: !address ? t("admin.emailMissing") : looksLikeEmail(address) ? undefined : t("admin.emailInvalid"),
  };
}

/** The fewest characters the server takes for a reason or an outcome (spaces around it do not count). */
const minTextLength = 3;

/** What is wrong with a reason (or an outcome) before it is sent; nothing when it will do. */
export function reasonProblem(text: string, what: "reason" | "outcome" = "reason"): string | undefined {
  const length = text.trim().length;
  if (length === 0) return t(what === "reason" ? "fu.reasonMissing" : "esc.outcomeMissing");
  if (length < minTextLength)
    return t(what === "reason" ? "fu.reasonTooShort" : "esc.outcomeTooShort", { n: minTextLength });
  return undefined;
}

/**
 * A reason to type, with its problem: why a phase changes or an action is escalated, an
 * escalation's outcome, an objection, why the chair goes on past a warning. `maxLength` stops the
 * typing at what the server takes (the conference panel leaves it to the server, which says why).
 */
export function ReasonField(props: {
  id: string;
  label: string;
  error: string | undefined;
  value: string;
  onInput: (value: string) => void;
  rows?: number;
  maxLength?: number;
  /** Extra classes on the textarea (the conference panel's narrow one). */
  class?: string;
}) {
  return (
    <Field id={props.id} label={props.label} error={props.error}>
      {(control) => (
        <textarea
          {...control}
          class={props.class ? `utrecht-textarea ${props.class}` : "utrecht-textarea"}
          rows={props.rows ?? 2}
          required
          maxlength={props.maxLength}
          value={props.value}
          onInput={(e) => props.onInput(e.currentTarget.value)}
        />
      )}
    </Field>
  );
}

/**
 * A name and an e-mail address typed for someone else (a new account, an invitation), each with its
 * problem: the fields `${id}-name` and `${id}-email` of a form checked with `personProblems`.
 */
export function PersonFields<P extends { name: string; email: string }>(props: {
  id: string;
  labels: { name: string; email: string };
  value: P;
  onChange: (next: P) => void;
  fields: { problem: (f: "name" | "email") => string | undefined; changed: (f: "name" | "email") => void };
}) {
  const input = (f: "name" | "email") => (
    <Field id={`${props.id}-${f}`} label={props.labels[f]} error={props.fields.problem(f)}>
      {(control) => (
        <input
          {...control}
          type={f === "email" ? "email" : undefined}
          class="utrecht-textbox utrecht-textbox--html-input"
          required
          value={props.value[f]}
          onInput={(e) => {
            props.onChange({ ...props.value, [f]: e.currentTarget.value });
            props.fields.changed(f);
          }}
        />
      )}
    </Field>
  );
  return (
    <>
      {input("name")}
      {input("email")}
    </>
  );
}
