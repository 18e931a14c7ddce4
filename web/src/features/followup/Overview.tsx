/** `/overzicht`: every action of the region, filtered and sorted, the late ones first. */
import { A, useLocation, useSearchParams } from "@solidjs/router";
import { createEffect, createMemo, createResource, createSignal, For, Show } from "solid-js";
import type { NavVia } from "../../components/Layout";
import { ScrollTable } from "../../components/ScrollTable";
import { formatDate, formatNumber, t } from "../../i18n";
import { api } from "../../lib/api";
import { Field } from "../../lib/form";
import { settled } from "../../lib/resource";
import { me } from "../../lib/session";
import { countText, EscalationBadge, LateBadge, lateReasonText } from "./parts";
import type { OverviewAction } from "./types";

type Sort = "title" | "case" | "owner" | "organisation" | "due" | "status" | "daysLate";
type Option = { id: string; name: string };
/** One page of the overview, with the query that fetched it. */
type Page = { query: string; total: number; actions: OverviewAction[] };

/** Actions per page: the first page, and each "Meer tonen". */
const pageSize = 200;

const columns: { key: Sort; label: string }[] = [
  { key: "title", label: "fu.action" },
  { key: "case", label: "fu.case" },
  { key: "owner", label: "fu.owner" },
  { key: "organisation", label: "fu.organisation" },
  { key: "due", label: "fu.due" },
  { key: "status", label: "fu.status" },
  { key: "daysLate", label: "fu.daysLate" },
];

/** A labelled select of filter choices with "Alle" first. */
function FilterSelect(props: {
  id: string;
  label: string;
  value: string;
  options: Option[];
  onChange: (v: string) => void;
}) {
  return (
    <Field id={props.id} label={props.label}>
      <select
        id={props.id}
        class="utrecht-select"
        value={props.value}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <option value="">{t("ov.all")}</option>
        <For each={props.options}>{(o) => <option value={o.id}>{o.name}</option>}</For>
      </select>
    </Field>
  );
}

/**
 * The filters and sort as the page's address (`/overzicht?organisatie=…&telaat=ja`), so that going
 * to an action and back, a reload or a bookmark keeps them. Only ids and fixed words: no names.
 */
type OverviewSearch = {
  casus?: string;
  organisatie?: string;
  eigenaar?: string;
  status?: string;
  termijn?: string;
  telaat?: string;
  voorgesteld?: string;
  sorteer?: string;
  richting?: string;
};

/** The overview's address as last shown, for the action page's way back (`/overzicht` until visited). */
const [lastOverview, setLastOverview] = createSignal("/overzicht");

export { lastOverview };

export function Overview() {
  const [search, setSearch] = useSearchParams<OverviewSearch>();
  const location = useLocation();
  createEffect(() => setLastOverview(`/overzicht${location.search}`));
  // Each change replaces the address instead of adding a step to the browser's history.
  const set = (changes: Partial<OverviewSearch>) => setSearch(changes, { replace: true });
  const text = (key: keyof OverviewSearch) => () => search[key] ?? "";
  const caseId = text("casus");
  const organisationId = text("organisatie");
  const owner = text("eigenaar");
  const status = text("status");
  const window = text("termijn");
  const lateOnly = () => search.telaat === "ja";
  const proposedOnly = () => search.voorgesteld === "ja";
  const sort = (): Sort => (columns.some((c) => c.key === search.sorteer) ? (search.sorteer as Sort) : "due");
  const dir = (): "asc" | "desc" => (search.richting === "af" ? "desc" : "asc");
  const setCaseId = (v: string) => set({ casus: v || undefined });
  const setOrganisationId = (v: string) => set({ organisatie: v || undefined });
  const setOwner = (v: string) => set({ eigenaar: v || undefined });
  const setStatus = (v: string) => set({ status: v || undefined });
  const setWindow = (v: string) => set({ termijn: v || undefined });
  const setLateOnly = (v: boolean) => set({ telaat: v ? "ja" : undefined });
  const setProposedOnly = (v: boolean) => set({ voorgesteld: v ? "ja" : undefined });

  const [choices] = createResource(() =>
    api.get<{ cases: Option[]; owners: Option[]; organisations: Option[] }>("/actions/filters"),
  );
  const query = createMemo(() => {
    const q = new URLSearchParams();
    if (caseId()) q.set("caseId", caseId());
    if (organisationId()) q.set("organisationId", organisationId());
    if (owner()) q.set("owner", owner());
    if (status()) q.set("status", status());
    if (window()) q.set("dueWithin", window());
    if (lateOnly()) q.set("overdue", "true");
    if (proposedOnly()) q.set("proposed", "true");
    q.set("sort", sort());
    q.set("dir", dir());
    q.set("limit", String(pageSize));
    return q.toString();
  });
  const [list] = createResource(
    query,
    async (q): Promise<Page> => ({
      query: q,
      ...(await api.get<{ total: number; actions: OverviewAction[] }>(`/actions?${q}`)),
    }),
  );
  // Pages after the first belong to the first page they continue: a new filter or sort fetches a
  // new first page, and with it they are gone.
  const [more, setMore] = createSignal<{ first: Page; total: number; actions: OverviewAction[] }>();
  const [moreFailed, setMoreFailed] = createSignal<Page>();
  const [loadingMore, setLoadingMore] = createSignal(false);
  const extra = () => {
    const m = more();
    return m && m.first === settled(list) ? m : undefined;
  };
  const shown = createMemo(() => [...(settled(list)?.actions ?? []), ...(extra()?.actions ?? [])]);
  const total = () => extra()?.total ?? settled(list)?.total ?? 0;
  const range = () => ({
    from: formatNumber(1),
    to: formatNumber(shown().length),
    total: formatNumber(total()),
  });
  let rows: HTMLTableSectionElement | undefined;
  const showMore = async () => {
    const first = settled(list);
    if (!first || loadingMore()) return;
    const before = shown().length;
    const q = new URLSearchParams(first.query);
    q.set("offset", String(before));
    setLoadingMore(true);
    setMoreFailed(undefined);
    try {
      const page = await api.get<{ total: number; actions: OverviewAction[] }>(`/actions?${q}`);
      if (first !== settled(list)) return;
      // An action that moved between the requests (it became late, say) is shown once.
      const seen = new Set(shown().map((a) => a.id));
      const added = page.actions.filter((a) => !seen.has(a.id));
      setMore({ first, total: page.total, actions: [...(extra()?.actions ?? []), ...added] });
      // The rows are in the DOM now; the keyboard continues at the first new one.
      rows?.rows[before]?.querySelector("a")?.focus();
    } catch {
      setMoreFailed(first);
    } finally {
      setLoadingMore(false);
    }
  };
  const sortBy = (key: Sort) => {
    const desc = sort() === key && dir() === "asc";
    set({ sorteer: key === "due" ? undefined : key, richting: desc ? "af" : undefined });
  };
  const reset = () =>
    set({
      casus: undefined,
      organisatie: undefined,
      eigenaar: undefined,
      status: undefined,
      termijn: undefined,
      telaat: undefined,
      voorgesteld: undefined,
    });
  const statusOptions = (): Option[] =>
    ["open", "in_progress", "done", "cancelled"].map((s) => ({ id: s, name: t(`fu.status.${s}`) }));
  const windowOptions = (): Option[] => ["7", "14", "30"].map((d) => ({ id: d, name: t(`ov.window.${d}`) }));

  return (
    <div class="ep-stack">
      <h1 class="utrecht-heading-1">{t("ov.title")}</h1>
      {/* The region's actions for the procesregisseur; anyone else sees those of their own cases. */}
      <p>{t(me()?.globalRole === "coordinator" ? "ov.intro" : "ov.introOwnCases")}</p>
      <form
        class="ep-card ep-fu-filters"
        aria-labelledby="fu-filters-title"
        onSubmit={(e) => e.preventDefault()}
      >
        <h2 class="utrecht-heading-3" id="fu-filters-title">
          {t("ov.filters")}
        </h2>
        <div class="ep-fu-filter-grid">
          <FilterSelect
            id="fu-f-case"
            label={t("fu.case")}
            value={caseId()}
            options={settled(choices)?.cases ?? []}
            onChange={setCaseId}
          />
          <FilterSelect
            id="fu-f-org"
            label={t("fu.organisation")}
            value={organisationId()}
            options={settled(choices)?.organisations ?? []}
            onChange={setOrganisationId}
          />
          <FilterSelect
            id="fu-f-owner"
            label={t("fu.owner")}
            value={owner()}
            options={settled(choices)?.owners ?? []}
            onChange={setOwner}
          />
          <FilterSelect
            id="fu-f-status"
            label={t("fu.status")}
            value={status()}
            options={statusOptions()}
            onChange={setStatus}
          />
          <FilterSelect
            id="fu-f-window"
            label={t("ov.window")}
            value={window()}
            options={windowOptions()}
            onChange={setWindow}
          />
        </div>
        <div class="ep-fu-check">
          <input
            type="checkbox"
            id="fu-f-late"
            checked={lateOnly()}
            onChange={(e) => setLateOnly(e.currentTarget.checked)}
          />
          <label for="fu-f-late">{t("ov.lateOnly")}</label>
        </div>
        <div class="ep-fu-check">
          <input
            type="checkbox"
            id="fu-f-proposed"
            checked={proposedOnly()}
            onChange={(e) => setProposedOnly(e.currentTarget.checked)}
          />
          <label for="fu-f-proposed">{t("ov.proposedOnly")}</label>
        </div>
        <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={reset}>
          {t("ov.reset")}
        </button>
      </form>
      <Show when={list.error}>
        <p role="alert" class="ep-error">
          {t("fu.loadError")}
        </p>
      </Show>
      <p role="status" class="ep-muted">
        {settled(list)
          ? shown().length < total() || extra()
            ? t("ov.countShown", { n: formatNumber(total()), from: range().from, to: range().to })
            : countText("ov.count", total(), formatNumber(total()))
          : t("app.loading")}
      </p>
      <Show when={settled(list)}>
        {(data) => (
          <Show when={data().actions.length > 0} fallback={<p>{t("ov.empty")}</p>}>
            <ScrollTable label={t("ov.caption")}>
              <table class="ep-table ep-fu-table">
                <caption class="visually-hidden">{t("ov.caption")}</caption>
                <thead>
                  <tr>
                    <For each={columns}>
                      {(col) => (
                        <th
                          scope="col"
                          aria-sort={
                            sort() === col.key ? (dir() === "asc" ? "ascending" : "descending") : "none"
                          }
                        >
                          <button type="button" class="ep-fu-sort" onClick={() => sortBy(col.key)}>
                            {t(col.label)}
                            <span aria-hidden="true" class="ep-fu-sort__icon">
                              {sort() === col.key ? (dir() === "asc" ? "▲" : "▼") : "↕"}
                            </span>
                          </button>
                        </th>
                      )}
                    </For>
                    <th scope="col">{t("fu.reason")}</th>
                    <th scope="col">{t("fu.escalation")}</th>
                  </tr>
                </thead>
                <tbody ref={rows}>
                  <For each={shown()}>
                    {(a) => (
                      <tr classList={{ "ep-fu-row--late": a.overdue }}>
                        <td>
                          <A href={`/acties/${a.id}`} state={{ via: "/overzicht" } satisfies NavVia}>
                            {a.title}
                          </A>
                        </td>
                        <td>{a.case.reference}</td>
                        <td>{a.owner.name}</td>
                        <td>{a.organisation?.name ?? t("fu.noOrganisation")}</td>
                        <td>{formatDate(a.dueDate)}</td>
                        <td>{t(`fu.status.${a.status}`)}</td>
                        <td>
                          <Show when={a.overdue} fallback={t("detail.none")}>
                            <LateBadge action={a} />
                          </Show>
                        </td>
                        <td classList={{ "ep-fu-noreason": a.overdue && !a.lateReason }}>
                          {lateReasonText(a)}
                        </td>
                        <td>
                          <EscalationBadge action={a} />
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
              </table>
            </ScrollTable>
            <Show when={shown().length < total()}>
              <div class="ep-fu-buttons">
                <p class="ep-muted" id="fu-more-range">
                  {t("ov.shown", range())}
                </p>
                <button
                  type="button"
                  class="utrecht-button utrecht-button--secondary-action"
                  aria-describedby="fu-more-range"
                  onClick={showMore}
                >
                  {t("ov.more")}
                </button>
              </div>
            </Show>
            <Show when={moreFailed() && moreFailed() === data()}>
              <p role="alert" class="ep-error">
                {t("fu.loadError")}
              </p>
            </Show>
          </Show>
        )}
      </Show>
    </div>
  );
}
