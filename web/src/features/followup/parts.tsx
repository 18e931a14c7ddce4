/** Small pieces the follow-up pages share: the late badge, the escalation badge, error text. */
import { Show } from "solid-js";
import { t } from "../../i18n";
import { ApiError } from "../../lib/api";
import type { OverviewAction } from "./types";

/** "Te laat (n dagen)" for a late action, nothing otherwise. */
export function LateBadge(props: { action: OverviewAction }) {
  return (
    <Show when={props.action.overdue}>
      <span class="ep-badge ep-badge--danger">
        {props.action.daysLate === 1 ? t("fu.lateDay") : t("fu.lateDays", { n: props.action.daysLate })}
      </span>
    </Show>
  );
}

/** The open escalation level, or the proposal to escalate. */
export function EscalationBadge(props: { action: OverviewAction }) {
  return (
    <>
      <Show when={props.action.escalation}>
        {(e) => (
          <span class="ep-badge ep-badge--warning">
            {t("fu.escalated", { level: t(`fu.level.${e().level}`) })}
          </span>
        )}
      </Show>
      <Show when={props.action.proposedForEscalation}>
        <span class="ep-badge ep-badge--danger" title={t("fu.proposedHelp")}>
          {t("fu.proposed")}
        </span>
      </Show>
    </>
  );
}

/** The late reason, or "nog geen reden" for a late action without one. */
export function lateReasonText(a: OverviewAction): string {
  if (a.lateReason) return t(`fu.lateReason.${a.lateReason}`);
  return a.overdue ? t("fu.lateReason.none") : "";
}

/** A message for a failed call. */
export function errorText(e: unknown): string {
  // The fields' own problems say what to change ("Deze datum ligt in het verleden. …").
  const fields = e instanceof ApiError ? [...new Set((e.details ?? []).map((d) => d.message))] : [];
  const message = e instanceof ApiError ? [e.message, ...fields].join(" ") : String(e);
  return t("fu.saveError", { message });
}

/**
 * A message with a count, singular or plural: `key.one` for exactly one, `key.other` otherwise
 * (Dutch and English need no more forms). `shown` is the number as printed, e.g. formatted.
 */
export function countText(key: string, n: number, shown: string | number = n): string {
  return t(n === 1 ? `${key}.one` : `${key}.other`, { n: shown });
}
