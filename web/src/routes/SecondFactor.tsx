/** `/inloggen/code`: the second step of logging in, a code from the authenticator app. */
import { createResource, Match, Switch } from "solid-js";
import { CancelLogin, CodeForm, LoginExpired } from "../features/access/CodeField";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";

export function SecondFactor() {
  // Opened without a session (a bookmark, or after it expired): say so at once, not after a code was
  // typed. A session still owing the code (`second_factor_required`) gets the form.
  const [noSession] = createResource(() =>
    api.get("/me").then(
      () => false,
      (err) => err instanceof ApiError && err.code === "unauthenticated",
    ),
  );
  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("code.title")}</h1>
      <Switch fallback={<p>{t("app.loading")}</p>}>
        <Match when={noSession()}>
          <LoginExpired />
        </Match>
        <Match when={noSession() === false}>
          <p class="utrecht-paragraph">{t("code.intro")}</p>
          <CodeForm path="/auth/second-factor" submitLabel={t("code.submit")} />
          <p class="ep-muted">{t("code.lost")}</p>
          <CancelLogin />
        </Match>
      </Switch>
    </div>
  );
}
