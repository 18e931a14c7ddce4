/** `/inloggen/code`: the second step of logging in, a code from the authenticator app. */
import { A } from "@solidjs/router";
import { CodeForm } from "../features/access/CodeField";
import { t } from "../i18n";

export function SecondFactor() {
  return (
    <div class="ep-narrow ep-stack">
      <h1 class="utrecht-heading-1">{t("code.title")}</h1>
      <p class="utrecht-paragraph">{t("code.intro")}</p>
      <CodeForm path="/auth/second-factor" submitLabel={t("code.submit")} />
      <p class="ep-muted">{t("code.lost")}</p>
      <p>
        <A href="/inloggen">{t("login.title")}</A>
      </p>
    </div>
  );
}
