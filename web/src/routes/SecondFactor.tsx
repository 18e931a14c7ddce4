/** `/inloggen/code`: the second step of logging in, a code from the authenticator app. */
import { useNavigate, useSearchParams } from "@solidjs/router";
import { createResource, Match, Switch } from "solid-js";
import { CancelLogin, CodeForm, LoginExpired } from "../features/access/CodeField";
import { t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { returnParam, safeReturnPath } from "../lib/return-path";

export function SecondFactor() {
  const navigate = useNavigate();
  const [search] = useSearchParams();
  // Opened without a session (a bookmark, or after it expired): say so at once, not after a code was
  // typed. A session still owing the code (`second_factor_required`) gets the form; one that owes
  // nothing (the browser's back button after logging in) goes on into the app, as a code would.
  const [noSession] = createResource(() =>
    api.get("/me").then(
      () => {
        navigate(safeReturnPath(search[returnParam]) ?? "/", { replace: true });
        return undefined;
      },
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
