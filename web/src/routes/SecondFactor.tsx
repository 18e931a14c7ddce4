/** `/inloggen/code`: the second step of logging in, a code from the authenticator app. */
import { A, useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { CodeField, codeErrorMessage } from "../features/access/CodeField";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { refreshMe } from "../lib/session";

export function SecondFactor() {
  const navigate = useNavigate();
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code())) return setError(t("code.format"));
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/second-factor", { code: code() });
      await refreshMe();
      navigate("/", { replace: true });
    } catch (err) {
      setError(err instanceof ApiError ? codeErrorMessage(err.status, err.code) : t("app.error"));
      setCode("");
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("code.title")}</h1>
      <p class="utrecht-paragraph">{t("code.intro")}</p>
      <form onSubmit={submit} noValidate>
        <CodeField value={code()} onInput={setCode} error={error()} />
        <Show when={error()}>
          <p id="totp-code-error" class="ep-error" role="alert">
            {error()}
          </p>
        </Show>
        <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled={busy()}>
          {busy() ? t("code.busy") : t("code.submit")}
        </button>
      </form>
      <p class="ep-muted">{t("code.lost")}</p>
      <p>
        <A href="/inloggen">{t("login.title")}</A>
      </p>
    </div>
  );
}
