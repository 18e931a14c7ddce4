/** `/inloggen/koppelen`: link an authenticator app (QR code made on the server, secret as text). */
import { A } from "@solidjs/router";
import { createResource, Match, Switch } from "solid-js";
import { CancelLogin, CodeForm, LoginExpired } from "../features/access/CodeField";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";

interface Enrolment {
  uri: string;
  qrCode: string;
  secret: string;
}

/** Groups the secret in fours so it can be read out and typed. */
const grouped = (secret: string) => secret.match(/.{1,4}/g)?.join(" ") ?? secret;

export function Enrol() {
  const [enrolment] = createResource(async () => {
    try {
      return { ok: await api.post<Enrolment>("/auth/enrolment") };
    } catch (err) {
      return { failed: err instanceof ApiError ? err : new ApiError(0, "error", "") };
    }
  });
  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("enrol.title")}</h1>
      <p class="utrecht-paragraph">{t("enrol.intro")}</p>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={enrolment()?.failed?.status === 401}>
          <LoginExpired />
        </Match>
        <Match when={enrolment()?.failed}>
          {(err) => (
            <div class="ep-stack">
              <p role="alert" class="ep-error">
                {err().status === 409 ? t("enrol.already") : t("app.error")}
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
                  <code class="ep-secret ep-secret--grouped">{grouped(e().secret)}</code>
                </p>
                <p class="ep-muted">{t("enrol.secretHint")}</p>
              </div>
              <CodeForm path="/auth/enrolment/confirm" submitLabel={t("enrol.submit")} />
              <CancelLogin hint={t("enrol.later")} />
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
