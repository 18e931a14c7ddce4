/** Adopting the plan: an immutable, numbered version with every section's merged state and text. */
import { desc, eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { cases, type PlanVersionSection, planVersionStates, planVersions } from "../../db/schema";
import { planTemplate, sectionDocName } from "../../shared/plan";
import { renderSectionText } from "../collab/render";
import { mergedState, readStoredDocs } from "../collab/store";

/** Who adopts, and in which conference. */
export interface PlanVersionInput {
  conferenceId?: string | null;
  createdBy: string;
}

/**
 * Stores the current plan of a case as the next version. Reads each section from the database,
 * which holds every update any client has seen (updates are committed before they are broadcast).
 * Run it inside the caller's transaction so the version and the decision that adopts it land together.
 */
export async function createPlanVersion(
  tx: Db | Tx,
  caseId: string,
  input: PlanVersionInput,
  now: Date,
): Promise<{ id: string; number: number }> {
  const run = async (t: Db | Tx) => {
    // Serialises numbering per case (the unique index is the last line of defence).
    await t.select({ id: cases.id }).from(cases).where(eq(cases.id, caseId)).for("update");
    const [last] = await t
      .select({ number: planVersions.number })
      .from(planVersions)
      .where(eq(planVersions.caseId, caseId))
      .orderBy(desc(planVersions.number))
      .limit(1);
    const number = (last?.number ?? 0) + 1;
    const names = planTemplate.map((s) => sectionDocName(caseId, s.key));
    const stored = await readStoredDocs(t, names);
    const states = planTemplate.map((s, i) => {
      const entry = stored.get(names[i]);
      const state = entry ? mergedState(entry) : new Uint8Array([0, 0]);
      return { key: s.key, title: s.title.nl, state, text: renderSectionText(state) };
    });
    const sections: PlanVersionSection[] = states.map(({ key, title, text }) => ({ key, title, text }));
    const [version] = await t
      .insert(planVersions)
      .values({
        caseId,
        number,
        conferenceId: input.conferenceId ?? null,
        createdBy: input.createdBy,
        createdAt: now,
        sections,
      })
      .returning({ id: planVersions.id, number: planVersions.number });
    await t
      .insert(planVersionStates)
      .values(states.map((s) => ({ versionId: version.id, sectionKey: s.key, state: s.state })));
    return version;
  };
  // A nested transaction is a savepoint; alone it is its own transaction.
  return tx.transaction(run);
}
