/** `/uitnodiging/:token`: an invited ervaringsdeskundige chooses a password, then links an app. */
import { useNavigate, useParams } from "@solidjs/router";
import { createResource, createSignal, Match, Switch } from "solid-js";
import { createNewPassword } from "../features/access/NewPassword";
import { formatDate, t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { Field, FormAlert } from "../lib/form";

interface InvitationInfo {
  name: string;
  email: string;
  role: string;
  expiresAt: string;
}

export function Invitation() {
  const params = useParams();
  const navigate = useNavigate();
  const [info] = createResource(
    () => params.token,
    async (token) => {
      try {
        return await api.get<InvitationInfo>(`/invitations/${encodeURIComponent(token)}`);
      } catch {
        return null;
      }
    },
  );
  const password = createNewPassword("invite");
  const [error, setError] = createSignal<string | null>(null);
  const [busy, setBusy] = createSignal(false);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setError(null);
    if (!password.confirmed()) return;
    setBusy(true);
    try {
      await api.post(`/invitations/${encodeURIComponent(params.token)}/accept`, {
        password: password.value(),
      });
      navigate("/inloggen/koppelen", { replace: true });
    } catch (err) {
      if (password.refusedBy(err, "password")) return;
      if (err instanceof ApiError && err.status === 400) setError(err.details?.[0]?.message ?? err.message);
      else if (err instanceof ApiError && err.status === 409) setError(t("invite.taken"));
      else if (err instanceof ApiError && err.status === 404) setError(t("invite.invalid"));
      else setError(t("app.error"));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("invite.title")}</h1>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={info() === null}>
          <p role="alert" class="ep-error">
            {t("invite.invalid")}
          </p>
        </Match>
        <Match when={info()}>
          {(inv) => (
            <>
              <p class="utrecht-paragraph">
                {t("invite.intro", { role: t(`role.${inv().role}`).toLowerCase() })}
              </p>
              <p>
                {t("invite.for")} <strong>{inv().name}</strong>
              </p>
              <p class="ep-muted">{t("invite.validUntil", { date: formatDate(inv().expiresAt, true) })}</p>
              <form onSubmit={submit} noValidate>
                <Field id="invite-email" label={t("invite.email")}>
                  <input
                    id="invite-email"
                    class="utrecht-textbox utrecht-textbox--html-input utrecht-textbox--read-only"
                    type="email"
                    autocomplete="username"
                    readonly
                    value={inv().email}
                  />
                </Field>
                <password.Fields />
                <FormAlert message={error()} />
                <button class="utrecht-button utrecht-button--primary-action" type="submit" disabled={busy()}>
                  {t("invite.submit")}
                </button>
              </form>
            </>
          )}
        </Match>
      </Switch>
    </div>
  );
}
