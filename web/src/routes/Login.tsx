/** The login page: e-mail and password; the second factor follows when required. */
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { createFieldProblems, Field, FormAlert, looksLikeEmail } from "../lib/form";
import { returnParam, safeReturnPath, withReturn } from "../lib/return-path";
import { refreshMe } from "../lib/session";

interface LoginAnswer {
  secondFactorRequired: boolean;
  secondFactorEnrolled: boolean;
}

/** Where to go after the password step; `returnTo` (a page of this app) rides along through the second factor. */
export const afterPasswordRoute = (answer: LoginAnswer, returnTo?: string) =>
  !answer.secondFactorRequired
    ? (safeReturnPath(returnTo) ?? "/")
    : withReturn(answer.secondFactorEnrolled ? "/inloggen/code" : "/inloggen/koppelen", returnTo);

export function Login() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const kept = () => Number(search.bewaard ?? 0);
  /** The page that sent the visitor here (their session ended, or a link while logged out). */
  const returnTo = () => safeReturnPath(search[returnParam]);
  const [email, setEmail] = createSignal("");
  const [password, setPassword] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const fields = createFieldProblems("login", ["email", "password"]);
  const [busy, setBusy] = createSignal(false);

  /** What is missing or malformed, per field, before anything is sent. */
  const check = () => {
    const address = email().trim();
    const problems: { email?: string; password?: string } = {};
    if (!address) problems.email = t("login.emailMissing");
    else if (!looksLikeEmail(address)) problems.email = t("login.emailInvalid");
    if (!password()) problems.password = t("login.passwordMissing");
    return problems;
  };

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (busy()) return;
    setError(null);
    if (fields.show(check())) return;
    setBusy(true);
    try {
      const answer = await api.post<LoginAnswer>("/auth/login", { email: email(), password: password() });
      await refreshMe();
      navigate(afterPasswordRoute(answer, returnTo()), { replace: true });
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
      <Show when={returnTo()}>
        <p class="ep-notice" role="status">
          {t("login.returnNote")}
        </p>
      </Show>
      <Show when={kept() > 0}>
        <p class="ep-notice" role="status">
          {t(kept() === 1 ? "login.keptCopies.one" : "login.keptCopies.other", { n: kept() })}
        </p>
      </Show>
      <form onSubmit={submit} noValidate aria-describedby="login-privacy">
        <Field id="login-email" label={t("login.email")} error={fields.problem("email")}>
          {(control) => (
            <input
              {...control}
              class="utrecht-textbox utrecht-textbox--html-input"
              type="email"
              autocomplete="username"
              required
              value={email()}
              onInput={(e) => setEmail(e.currentTarget.value)}
            />
          )}
        </Field>
        <Field id="login-password" label={t("login.password")} error={fields.problem("password")}>
          {(control) => (
            <input
              {...control}
              class="utrecht-textbox utrecht-textbox--html-input"
              type="password"
              autocomplete="current-password"
              required
              value={password()}
              onInput={(e) => setPassword(e.currentTarget.value)}
            />
          )}
        </Field>
        <FormAlert message={error()} />
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
