/** Intimate-terror warnings on decision and action text (the plan's rules, `shared/warnings.ts`). */

import { findWarnings } from "../../shared/warnings";
import { AppError } from "../errors";
import type { CaseAccess } from "../policy";

/** One warning, as `findWarnings` gives it. */
export interface TextWarning {
  ruleId: string;
  match: string;
  index: number;
  message: { nl: string; en: string };
}

/** Refused until the chair gives a reason; carries the warnings so the UI can show them. */
export class WarningNeedsReason extends AppError {
  constructor(readonly warnings: TextWarning[]) {
    super(
      "warning_needs_reason",
      "Deze tekst raakt aan de contra-indicaties bij intiem terreur. Geef een reden om toch door te gaan.",
    );
  }

  override toJSON() {
    const base = super.toJSON();
    return { error: { ...base.error, warnings: this.warnings } };
  }
}

/**
 * The warnings on a text of an intimate-terror case; throws when there are any and no reason was
 * given. Only the chair records why the conference goes on despite them (`DOMAIN.md`); anyone
 * else's reason is refused. Returns the reason to store (null when none was needed).
 */
export function requireWarningReason(
  access: CaseAccess,
  text: string,
  override: string | undefined,
): string | null {
  if (!access.categories.includes("intiem_terreur")) return null;
  const warnings: TextWarning[] = findWarnings(text);
  if (warnings.length === 0) return null;
  if (!override) throw new WarningNeedsReason(warnings);
  if (access.role !== "chair") {
    throw new AppError(
      "forbidden",
      "Alleen de voorzitter kan vastleggen waarom het overleg ondanks de waarschuwing doorgaat.",
    );
  }
  return override;
}
