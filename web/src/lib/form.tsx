/** Problems shown at the fields of a form: each beside its field, tied to it for screen readers. */
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { ApiError } from "./api";

/**
 * The problems of a form's fields. Field `f` is the element with id `${id}-${f}`; its problem is
 * shown by `<FieldError>` with id `${id}-${f}-err`, which `fieldProps(f)` ties to it.
 */
export function createFieldProblems<F extends string>(id: string, order: readonly F[]) {
  const [problems, setProblems] = createSignal<Partial<Record<F, string>>>({});
  const problem = (f: F) => problems()[f];
  const errorId = (f: F) => `${id}-${f}-err`;
  return {
    problem,
    errorId,
    /** `aria-invalid` and `aria-describedby` for the field. */
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
