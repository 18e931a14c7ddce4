/** The 6-digit code field and form used by the login code page and the enrolment page, and their ways out. */
import { A, useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { t } from "../../i18n";
import { ApiError, api } from "../../lib/api";
import { FormAlert } from "../../lib/form";
import { returnParam, safeReturnPath } from "../../lib/return-path";
import { logout, refreshMe } from "../../lib/session";

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

/**
 * The code form: checks the format, posts `{code}` to `path`, and on success reloads the user and
 * goes on into the app (to the page the login started from, if any); a refusal is announced and
 * the field emptied for the next code.
 */
export function CodeForm(props: { path: string; submitLabel: string }) {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code())) return setError(t("code.format"));
    setBusy(true);
    setError(null);
    try {
      await api.post(props.path, { code: code() });
      await refreshMe();
      navigate(safeReturnPath(search[returnParam]) ?? "/", { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? codeErrorMessage(err.status, err.code) : t("app.error"));
      setCode("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <form onSubmit={submit} noValidate>
      <CodeField value={code()} onInput={setCode} error={error()} />
      <FormAlert id="totp-code-error" message={error()} />
      <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled={busy()}>
        {busy() ? t("code.busy") : props.submitLabel}
      </button>
    </form>
  );
}

/** Said when the login to finish has no session (it expired, or the page was opened without one). */
export function LoginExpired() {
  return (
    <div class="ep-stack">
      <p role="alert" class="ep-error">
        {t("code.expired")}
      </p>
      <p>
        <A href="/inloggen">{t("login.title")}</A>
      </p>
    </div>
  );
}

/**
 * The way out of a login that cannot be finished now (the phone not at hand, a shared computer):
 * ends the half-finished session with the header's logout and goes back to the login page, so the
 * next person at this computer does not find it waiting for a code.
 */
export function CancelLogin(props: { hint?: string }) {
  const navigate = useNavigate();
  const [failed, setFailed] = createSignal(false);
  let busy = false;
  const cancel = async () => {
    if (busy) return;
    busy = true;
    setFailed(false);
    try {
      await logout();
      navigate("/inloggen");
    } catch {
      setFailed(true);
    } finally {
      busy = false;
    }
  };
  return (
    <div class="ep-stack">
      <Show when={props.hint}>
        <p class="ep-muted" id="cancel-login-hint">
          {props.hint}
        </p>
      </Show>
      <button
        type="button"
        class="utrecht-button utrecht-button--secondary-action"
        aria-describedby={props.hint ? "cancel-login-hint" : undefined}
        onClick={cancel}
      >
        {t("code.cancel")}
      </button>
      <FormAlert message={failed() ? t("app.error") : null} />
    </div>
  );
}
