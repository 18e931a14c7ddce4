/** `/inloggen/koppelen`: link an authenticator app (QR code made on the server, secret as text). */
import { A, useNavigate } from "@solidjs/router";
import { createResource, createSignal, Match, Show, Switch } from "solid-js";
import { CodeField, codeErrorMessage } from "../features/access/CodeField";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { refreshMe } from "../lib/session";

interface Enrolment {
  uri: string;
  qrCode: string;
  secret: string;
}

/** Groups the secret in fours so it can be read out and typed. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function Enrol() {
  const navigate = useNavigate();
  const [enrolment] = createResource(async () => {
    try {
      return { ok: await api.post<Enrolment>("/auth/enrolment") };
    } catch (err) {
      return { failed: err instanceof ApiError ? err : new ApiError(0, "error", "") };
    }
  });
  const [code, setCode] = createSignal("");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    if (!/^\d{6}$/.test(code())) return setError(t("code.format"));
    setBusy(true);
    setError(null);
    try {
      await api.post("/auth/enrolment/confirm", { code: code() });
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
      <h1 class="utrecht-heading-1">{t("enrol.title")}</h1>
      <p class="utrecht-paragraph">{t("enrol.intro")}</p>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={enrolment()?.failed}>
          {(err) => (
            <div class="ep-stack">
              <p role="alert" class="ep-error">
                {err().status === 409
                  ? t("enrol.already")
                  : err().status === 401
                    ? t("code.expired")
                    : t("app.error")}
              </p>
              <p>
                <A href={err().status === 409 ? "/inloggen/code" : "/inloggen"}>
                  {err().status === 409 ? t("code.title") : t("login.title")}
                </A>
              </p>
            </div>
          )}
        </Match>
        <Match when={enrolment()?.ok}>
          {(e) => (
            <>
              <ol class="ep-steps">
                <li>{t("enrol.step1")}</li>
                <li>{t("enrol.step2")}</li>
                <li>{t("enrol.step3")}</li>
              </ol>
              <img class="ep-qr" src={e().qrCode} alt={t("enrol.qrAlt")} width="220" height="220" />
              <div>
                <p class="utrecht-form-label" id="totp-secret-label">
                  {t("enrol.secret")}
                </p>
                <p>
                  <code class="ep-secret">{grouped(e().secret)}</code>
                </p>
                <p class="ep-muted">{t("enrol.secretHint")}</p>
              </div>
              <form onSubmit={submit} noValidate>
                <CodeField value={code()} onInput={setCode} error={error()} />
                <Show when={error()}>
                  <p id="totp-code-error" class="ep-error" role="alert">
                    {error()}
                  </p>
                </Show>
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled={busy()}>
                  {busy() ? t("code.busy") : t("enrol.submit")}
                </button>
              </form>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
