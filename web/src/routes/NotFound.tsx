/** Shown for an unknown address. */
import { A } from "@solidjs/router";
import { t } from "../i18n";

export function NotFound() {
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("app.notFound")}</h1>
      <p>
        <A href="/">{t("app.backHome")}</A>
      </p>
    </div>
  );
}
