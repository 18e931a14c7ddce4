/** The 6-digit code field used by the login code page and the enrolment page. */
import { t } from "../../i18n";

/** A labelled one-time-code input; digits only, suited to phone keyboards and password managers. */
export function CodeField(props: { value: string; onInput: (v: string) => void; error?: string | null }) {
  return (
    <div class="ep-field utrecht-form-field">
      <label class="utrecht-form-label" for="totp-code">
        {t("code.label")}
      </label>
      <input
        id="totp-code"
        class="utrecht-textbox utrecht-textbox--html-input ep-code-input"
        type="text"
        inputmode="numeric"
        autocomplete="one-time-code"
        pattern="[0-9]{6}"
        maxlength="6"
        required
        aria-invalid={props.error ? "true" : undefined}
        aria-describedby={props.error ? "totp-code-error" : undefined}
        value={props.value}
        onInput={(e) => props.onInput(e.currentTarget.value.replace(/\D/g, ""))}
      />
    </div>
  );
}

/** The message for a failed code attempt. */
export function codeErrorMessage(status: number, code: string): string {
  if (status === 429) return t("code.tooMany");
  if (status === 400) return t("code.format");
  if (code === "unauthenticated") return t("code.expired");
  return t("code.wrong");
}
