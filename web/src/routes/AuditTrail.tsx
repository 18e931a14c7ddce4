/** `/casussen/:caseId/logboek`: the audit trail of a case, with filters, export and break-glass flagged. */
import { useParams } from "@solidjs/router";
import { batch, createResource, createSignal, For, Show, untrack } from "solid-js";
import {
  type AuditTrailEntry,
  auditActionName,
  auditObjectName,
  auditOutcomeName,
  auditRoleName,
  auditWhatName,
} from "../../../shared/audit-labels";
import { CaseHeader, CaseUnavailable } from "../components/CaseHeader";
import { DateInput } from "../components/DateInput";
import { ScrollTable } from "../components/ScrollTable";
import { formatDate, formatNumber, locale, t } from "../i18n";
import { ApiError, api } from "../lib/api";
import { createCase } from "../lib/case";
import { Field } from "../lib/form";
import { settled } from "../lib/resource";

type AuditEntry = AuditTrailEntry;

/** One page of the trail, with the case's reference and everyone who appears in the whole trail. */
interface AuditPage {
  case: { reference: string | null };
  people: { id: string; name: string }[];
  entries: AuditEntry[];
  /** How many entries the filters find in all (on the first page). */
  total: number | null;
  nextBefore: number | null;
}

const actions = ["read", "create", "update", "delete", "export", "refused", "break_glass"];
const outcomes = ["success", "refused", "failure"];

/** What an entry is about, in words (the CSV export says the same: `shared/audit-labels.ts`). */
const objectName = (e: AuditEntry) => auditObjectName(t, locale(), e);

/** What the filters found, as the status after "Toepassen" says it: "12 regels gevonden". */
function foundText(n: number): string {
  if (n === 0) return t("audit.foundNone");
  return t(n === 1 ? "audit.found.one" : "audit.found.other", { n: formatNumber(n) });
}

/** The page; rendered as a component so its body is never tracked by the caller (main.tsx calls pages directly). */
export function AuditTrail() {
  return <AuditTrailPage />;
}

function AuditTrailPage() {
  const params = useParams();
  const [caseResource] = createCase(() => params.caseId);
  // An admin reads the trail without being a member, so the case detail may fail while the trail loads.
  const caseData = () => settled(caseResource);
  const [filters, setFilters] = createSignal({
    action: "",
    userId: "",
    outcome: "",
    from: "",
    to: "",
    breakGlass: false,
  });
  const [applied, setApplied] = createSignal(filters());
  const [older, setOlder] = createSignal<AuditEntry[]>([]);
  const [nextBefore, setNextBefore] = createSignal<number | null>(null);
  // Filters applied so far, and the status that says what the last one found: the table changes
  // out of sight of a screen reader, and the keyboard stays on "Toepassen".
  const [applies, setApplies] = createSignal(0);
  const [found, setFound] = createSignal<number | null>(null);

  const query = (before?: number | null) => {
    const f = applied();
    const q = new URLSearchParams();
    if (f.action) q.set("action", f.action);
    if (f.userId) q.set("userId", f.userId);
    if (f.outcome) q.set("outcome", f.outcome);
    if (f.from) q.set("from", new Date(`${f.from}T00:00:00`).toISOString());
    if (f.to) q.set("to", new Date(`${f.to}T23:59:59`).toISOString());
    if (f.breakGlass) q.set("breakGlass", "true");
    if (before) q.set("before", String(before));
    return q.toString();
  };
  const [trail] = createResource(
    () => ({ id: params.caseId, q: query(), applied: applies() }),
    async ({ id, q, applied }) => {
      const res = await api.get<AuditPage>(`/cases/${id}/audit?${q}`);
      setOlder([]);
      setNextBefore(res.nextBefore);
      // Only the answer to the latest filter is told (an earlier one may answer later).
      if (applied > 0 && applied === untrack(applies)) setFound(res.total ?? res.entries.length);
      return res;
    },
  );
  const loadOlder = async () => {
    const res = await api.get<AuditPage>(`/cases/${params.caseId}/audit?${query(nextBefore())}`);
    setOlder([...older(), ...res.entries]);
    setNextBefore(res.nextBefore);
  };
  // Filters and export only once the trail answered: who may not read it never sees them. After
  // any other failure (a filter the server refused) they stay, so the filter can be changed.
  const refused = () => trail.error instanceof ApiError && [403, 404].includes(trail.error.status);
  const ready = () => !refused() && (trail.error !== undefined || trail.latest !== undefined);
  const rows = () => [...(settled(trail)?.entries ?? []), ...older()];
  // Who may be filtered on: everyone in the trail, also someone no longer on the case; the list
  // stays while a filtered page loads.
  const people = () => settled(trail)?.people ?? [];

  const apply = (e: SubmitEvent) => {
    e.preventDefault();
    // Emptied first, so that the same count after the next filter is announced again.
    batch(() => {
      setFound(null);
      setApplied({ ...filters() });
      setApplies(applies() + 1);
    });
  };

  return (
    <div class="ep-stack">
      <Show
        when={caseData()}
        fallback={
          <Show when={settled(trail)?.case.reference}>
            {(reference) => (
              <header class="ep-case-header">
                <p class="ep-muted ep-case-header__ref">{t("audit.caseLabel")}</p>
                <h1 class="utrecht-heading-1">{reference()}</h1>
              </header>
            )}
          </Show>
        }
      >
        {(c) => <CaseHeader case={c()} />}
      </Show>
      <h2 class="utrecht-heading-2">{t("audit.title")}</h2>
      <p>{t("audit.intro")}</p>
      <Show when={trail.error}>
        {(err) => <CaseUnavailable error={err()} forbidden={t("audit.forbidden")} />}
      </Show>
      <Show
        when={ready()}
        fallback={
          <Show when={!trail.error}>
            <p>{t("app.loading")}</p>
          </Show>
        }
      >
        <form class="ep-card ep-inline-form" onSubmit={apply} aria-label={t("audit.filters")}>
          <Field id="audit-action" label={t("audit.action")}>
            <select
              id="audit-action"
              class="utrecht-select utrecht-select--html-select"
              value={filters().action}
              onChange={(e) => setFilters({ ...filters(), action: e.currentTarget.value })}
            >
              <option value="">{t("audit.all")}</option>
              <For each={actions}>{(a) => <option value={a}>{auditActionName(t, a)}</option>}</For>
            </select>
          </Field>
          <Field id="audit-person" label={t("audit.person")}>
            <select
              id="audit-person"
              class="utrecht-select utrecht-select--html-select"
              value={filters().userId}
              onChange={(e) => setFilters({ ...filters(), userId: e.currentTarget.value })}
            >
              <option value="">{t("audit.all")}</option>
              {/* Each answer brings the list anew: the option says itself whether it is chosen. */}
              <For each={people()}>
                {(p) => (
                  <option value={p.id} selected={p.id === filters().userId}>
                    {p.name}
                  </option>
                )}
              </For>
            </select>
          </Field>
          <Field id="audit-outcome" label={t("audit.outcome")}>
            <select
              id="audit-outcome"
              class="utrecht-select utrecht-select--html-select"
              value={filters().outcome}
              onChange={(e) => setFilters({ ...filters(), outcome: e.currentTarget.value })}
            >
              <option value="">{t("audit.all")}</option>
              <For each={outcomes}>{(o) => <option value={o}>{auditOutcomeName(t, o)}</option>}</For>
            </select>
          </Field>
          <Field id="audit-from" label={t("audit.from")}>
            <DateInput
              id="audit-from"
              class="utrecht-textbox utrecht-textbox--html-input"
              value={filters().from}
              onValue={(from) => setFilters({ ...filters(), from })}
            />
          </Field>
          <Field id="audit-to" label={t("audit.to")}>
            <DateInput
              id="audit-to"
              class="utrecht-textbox utrecht-textbox--html-input"
              value={filters().to}
              onValue={(to) => setFilters({ ...filters(), to })}
            />
          </Field>
          <div class="ep-checkbox">
            <input
              id="audit-break-glass"
              type="checkbox"
              class="utrecht-checkbox utrecht-checkbox--html-input"
              checked={filters().breakGlass}
              onChange={(e) => setFilters({ ...filters(), breakGlass: e.currentTarget.checked })}
            />
            <label for="audit-break-glass">{t("audit.onlyBreakGlass")}</label>
          </div>
          <button type="submit" class="utrecht-button utrecht-button--primary-action">
            {t("audit.apply")}
          </button>
        </form>
        <p role="status" data-testid="audit-found">
          {found() === null ? "" : foundText(found() as number)}
        </p>
        <p class="ep-actions">
          <span>{t("audit.export")}:</span>{" "}
          <a
            class="utrecht-link"
            href={`/api/cases/${params.caseId}/audit/export?format=csv&lang=${locale()}`}
            download=""
          >
            {t("audit.exportCsv")}
          </a>{" "}
          <a class="utrecht-link" href={`/api/cases/${params.caseId}/audit/export?format=json`} download="">
            {t("audit.exportJson")}
          </a>
        </p>
      </Show>
      <Show when={settled(trail)}>
        <Show when={rows().length > 0} fallback={<p>{t("audit.empty")}</p>}>
          <ScrollTable label={t("audit.title")}>
            <table class="ep-table ep-audit">
              <thead>
                <tr>
                  <th scope="col">{t("audit.when")}</th>
                  <th scope="col">{t("audit.who")}</th>
                  <th scope="col">{t("audit.what")}</th>
                  <th scope="col">{t("audit.outcome")}</th>
                  <th scope="col">{t("audit.purpose")}</th>
                  <th scope="col">{t("audit.address")}</th>
                </tr>
              </thead>
              <tbody>
                <For each={rows()}>
                  {(e) => (
                    <tr class={e.breakGlass ? "ep-audit__break-glass" : undefined}>
                      <td>{formatDate(e.at, true)}</td>
                      <td>
                        {e.user?.name ?? t("audit.unknownUser")}
                        <Show when={e.role}>
                          <br />
                          <span class="ep-muted">
                            {auditRoleName(t, e.role)}
                            {e.organisation?.name ? `, ${e.organisation.name}` : ""}
                          </span>
                        </Show>
                      </td>
                      <td>
                        <Show when={e.breakGlass}>
                          <span class="ep-badge ep-badge--danger">{t("audit.breakGlassFlag")}</span>{" "}
                        </Show>
                        {auditWhatName(t, e)} <span class="ep-muted">({objectName(e)})</span>
                      </td>
                      <td>
                        <span class={e.outcome === "success" ? "" : "ep-badge ep-badge--warning"}>
                          {auditOutcomeName(t, e.outcome)}
                        </span>
                      </td>
                      <td>{e.purpose ?? ""}</td>
                      <td class="ep-muted">{e.clientAddress ?? ""}</td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          </ScrollTable>
          <Show when={nextBefore()}>
            <button type="button" class="utrecht-button utrecht-button--secondary-action" onClick={loadOlder}>
              {t("audit.more")}
            </button>
          </Show>
        </Show>
      </Show>
    </div>
  );
}
