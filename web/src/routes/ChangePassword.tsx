/** `/wachtwoord`: change one's own password (for instance the start password an admin gave). */
import { useNavigate } from "@solidjs/router";
import { createSignal, Show } from "solid-js";
import { createNewPassword } from "../features/access/NewPassword";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { Field } from "../lib/form";
import { me, refreshMe } from "../lib/session";
import type { CasesNotice } from "./Cases";

export function ChangePassword() {
  return <ChangePasswordPage />;
}

function ChangePasswordPage() {
  const navigate = useNavigate();
  const [current, setCurrent] = createSignal("");
  const next = createNewPassword("pw");
  const [message, setMessage] = createSignal<{ text: string; error?: boolean } | null>(null);

  const submit = async (e: SubmitEvent) => {
    e.preventDefault();
    setMessage(null);
    if (!next.confirmed()) return;
    try {
      const wasStart = me()?.mustChangePassword;
      await api.post("/auth/password", { currentPassword: current(), newPassword: next.value() });
      setCurrent("");
      next.clear();
      setMessage({ text: t("password.changed") });
      await refreshMe();
      // With an own password the rest of the app opens: straight on to the cases, which say it worked.
      if (wasStart)
        navigate("/casussen", { replace: true, state: { passwordChanged: true } satisfies CasesNotice });
    } catch (err) {
      if (next.refusedBy(err, "newPassword")) return;
      const text =
        err instanceof ApiError && err.status === 400
          ? (err.details?.map((d) => d.message).join(" ") ?? err.message)
          : err instanceof ApiError && err.status === 403
            ? t("password.wrongCurrent")
            : err instanceof ApiError && err.status === 429
              ? t("login.tooMany")
              : t("app.error");
      setMessage({ text, error: true });
    }
  };

  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("password.title")}</h1>
      <Show when={me()?.mustChangePassword} fallback={<p>{t("password.intro")}</p>}>
        <p class="ep-notice" role="status">
          {t("password.mustChange")}
        </p>
      </Show>
      <form onSubmit={submit} noValidate>
        <Field id="pw-current" label={t("password.current")}>
          <input
            id="pw-current"
            class="utrecht-textbox utrecht-textbox--html-input"
            type="password"
            autocomplete="current-password"
            value={current()}
            onInput={(e) => setCurrent(e.currentTarget.value)}
          />
        </Field>
        <next.Fields />
        <Show when={message()}>
          {(m) => (
            <p role={m().error ? "alert" : "status"} class={m().error ? "ep-error" : ""}>
              {m().text}
            </p>
          )}
        </Show>
        <button type="submit" class="utrecht-button utrecht-button--primary-action">
          {t("password.submit")}
        </button>
      </form>
    </div>
  );
}
