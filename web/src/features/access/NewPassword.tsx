/**
 * Choosing a new password, typed twice: on the invitation page and the change-password page. The
 * advice is tied to the first field, and so is the server's refusal of the password (too short, too
 * well known), which gives that field the keyboard; a repeat that differs is said at the repeat,
 * which gets the keyboard.
 */
import { createSignal } from "solid-js";
import { t } from "../../i18n";
import { ApiError } from "../../lib/api";
import { Field } from "../../lib/form";

/** The two fields (`${id}-new`, `${id}-repeat`) and what a form needs of them. */
export function createNewPassword(id: string) {
  const [value, setValue] = createSignal("");
  const [repeat, setRepeat] = createSignal("");
  const [mismatch, setMismatch] = createSignal(false);
  const [refusal, setRefusal] = createSignal<string>();
  const input = (control: object, get: () => string, set: (v: string) => void) => (
    <input
      {...control}
      class="utrecht-textbox utrecht-textbox--html-input"
      type="password"
      autocomplete="new-password"
      required
      value={get()}
      onInput={(e) => {
        set(e.currentTarget.value);
        setRefusal(undefined);
      }}
    />
  );
  return {
    value,
    /** Whether both are the same; when not, says so at the repeat and puts the keyboard there. */
    confirmed(): boolean {
      setMismatch(value() !== repeat());
      if (mismatch()) document.getElementById(`${id}-repeat`)?.focus();
      return !mismatch();
    },
    /**
     * Whether the server refused the password itself (a problem at `field` in its answer); if so,
     * it is said at the first field, which gets the keyboard.
     */
    refusedBy(err: unknown, field: string): boolean {
      const problem = err instanceof ApiError ? err.details?.find((d) => d.path === field) : undefined;
      if (!problem) return false;
      setRefusal(problem.message);
      document.getElementById(`${id}-new`)?.focus();
      return true;
    },
    clear() {
      setValue("");
      setRepeat("");
    },
    Fields: () => (
      <>
        <Field
          id={`${id}-new`}
          label={t("invite.password")}
          hint={t("invite.passwordHint")}
          error={refusal()}
        >
          {(control) => input(control, value, setValue)}
        </Field>
        <Field
          id={`${id}-repeat`}
          label={t("invite.passwordRepeat")}
          error={mismatch() ? t("invite.mismatch") : undefined}
        >
          {(control) => input(control, repeat, setRepeat)}
        </Field>
      </>
    ),
  };
}
