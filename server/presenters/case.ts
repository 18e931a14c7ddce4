/** Cases as the API shows them. */
import type { cases } from "../../db/schema";
import type { CaseRole } from "../../shared/domain";
import type { Retention } from "../queries/retention";

type CaseRow = typeof cases.$inferSelect;

/** A case in a list. */
export function presentCaseSummary(
  row: CaseRow,
  myRole: CaseRole | null,
  retention: Retention | null = null,
) {
  return {
    id: row.id,
    reference: row.reference,
    title: row.title,
    phase: row.phase,
    categories: row.categories,
    registeredAt: row.registeredAt.toISOString(),
    myRole,
    retention,
    restrainingOrderFrom: row.restrainingOrderFrom,
    restrainingOrderUntil: row.restrainingOrderUntil,
  };
}
