/** The login page: e-mail and password; the second factor follows when required. */
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { refreshMe } from "../lib/session";

interface LoginAnswer {
  secondFactorRequired: boolean;
  secondFactorEnrolled: boolean;
}

/** Where to go after the password step. */
export const afterPasswordRoute = (answer: LoginAnswer) =>
  !answer.secondFactorRequired ? "/" : answer.secondFactorEnrolled ? "/inloggen/code" : "/inloggen/koppelen";

export function Login() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const kept = () => Number(search.bewaard ?? 0);
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [fieldErrors, setFieldErrors] = createSignal<{ email?: string; password?: string }>({});
  const [busy, setBusy] = createSignal(false);
  let emailInput: HTMLInputElement | undefined;
  let passwordInput: HTMLInputElement | undefined;

  /** What is missing or malformed, per field, before anything is sent. */
  const check = () => {
    const address = email().trim();
    const problems: { email?: string; password?: string } = {};
    if (!address) problems.email = t("login.emailMissing");
    else if (!/^[^\s@]+@[^\s@]+$/.test(address)) problems.email = t("login.emailInvalid");
    if (!password()) problems.password = t("login.passwordMissing");
    return problems;
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setError(null);
    const problems = check();
    setFieldErrors(problems);
    if (problems.email) return emailInput?.focus();
    if (problems.password) return passwordInput?.focus();
    setBusy(true);
    try {
      const answer = await api.post<LoginAnswer>("/auth/login", { email: email(), password: password() });
      await refreshMe();
      navigate(afterPasswordRoute(answer), { replace: true });
    } catch (err) {
      setError(err instanceof ApiError && err.status === 429 ? t("login.tooMany") : t("login.failed"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("login.title")}</h1>
      <p class="utrecht-paragraph">{t("login.intro")}</p>
      <Show when={kept() > 0}>
        <p class="ep-notice" role="status">
          {t(kept() === 1 ? "login.keptCopies.one" : "login.keptCopies.other", { n: kept() })}
        </p>
      </Show>
      <form onSubmit={submit} noValidate aria-describedby="login-privacy">
        <div class="ep-field utrecht-form-field">
          <label class="utrecht-form-label" for="email">
            {t("login.email")}
          </label>
          <input
            id="email"
            ref={emailInput}
            class="utrecht-textbox utrecht-textbox--html-input"
            type="email"
            autocomplete="username"
            required
            aria-invalid={fieldErrors().email ? "true" : undefined}
            aria-describedby={fieldErrors().email ? "email-error" : undefined}
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
          <Show when={fieldErrors().email}>
            <p id="email-error" class="ep-error">
              {fieldErrors().email}
            </p>
          </Show>
        </div>
        <div class="ep-field utrecht-form-field">
          <label class="utrecht-form-label" for="password">
            {t("login.password")}
          </label>
          <input
            id="password"
            ref={passwordInput}
            class="utrecht-textbox utrecht-textbox--html-input"
            type="password"
            autocomplete="current-password"
            required
            aria-invalid={fieldErrors().password ? "true" : undefined}
            aria-describedby={fieldErrors().password ? "password-error" : undefined}
            value={password()}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <Show when={fieldErrors().password}>
            <p id="password-error" class="ep-error">
              {fieldErrors().password}
            </p>
          </Show>
        </div>
        <Show when={error()}>
          <p class="ep-error" role="alert">
            {error()}
          </p>
        </Show>
        <button
          class="utrecht-button utrecht-button--primary-action"
          type="submit"
          aria-disabled={busy() ? "true" : undefined}
        >
          {busy() ? t("login.busy") : t("login.submit")}
        </button>
      </form>
      <p id="login-privacy" class="ep-muted">
        {t("login.privacy")}
      </p>
    </div>
  );
}
