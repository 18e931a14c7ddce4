/** The case list: every case the user may see, with phase, flags and their role. */
import { A } from "@solidjs/router";
import { createResource, For, Show, Suspense } from "solid-js";
import { NewCaseForm } from "../features/access/NewCaseForm";
import { t } from "../i18n";
import { api } from "../lib/api";
import { me } from "../lib/session";

/** A case as the list shows it. */
export interface CaseSummary {
  id: string;
  reference: string;
  title: string;
  phase: string;
  categories: string[];
  myRole: string | null;
}

export function Cases() {
  const [list] = createResource(() => api.get<{ cases: CaseSummary[] }>("/cases"));
  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("cases.title")}</h1>
      <Show when={me()?.globalRole === "coordinator"}>
        <NewCaseForm />
      </Show>
      <Suspense fallback={<p>{t("app.loading")}</p>}>
        <Show when={(list()?.cases.length ?? 0) > 0} fallback={<p>{t("cases.empty")}</p>}>
          <table class="ep-table">
            <thead>
              <tr>
                <th scope="col">{t("cases.reference")}</th>
                <th scope="col">{t("cases.household")}</th>
                <th scope="col">{t("cases.phase")}</th>
                <th scope="col">{t("cases.categories")}</th>
                <th scope="col">{t("cases.myRole")}</th>
              </tr>
            </thead>
            <tbody>
              <For each={list()?.cases}>
                {(c) => (
                  <tr>
                    <td>
                      <A href={`/casussen/${c.id}`}>{c.reference}</A>
                    </td>
                    <td>{c.title}</td>
                    <td>{t(`phase.${c.phase}`)}</td>
                    <td>
                      <For each={c.categories}>
                        {(cat) => (
                          <span class={cat === "intiem_terreur" ? "ep-badge ep-badge--danger" : "ep-badge"}>
                            {t(`category.${cat}`)}
                          </span>
                        )}
                      </For>
                    </td>
                    <td>{c.myRole ? t(`role.${c.myRole}`) : t("cases.regionRole")}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </Show>
      </Suspense>
    </div>
  );
}
