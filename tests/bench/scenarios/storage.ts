/** Storage figures of Eén Plan alone (the reference server stores nothing): filled in with the persistence layer. */

/** A results row (same shape as run.ts's table). */
export interface StorageRow {
  scenario: string;
  metric: string;
  reference: string;
  eenPlan: string;
  ratio: string;
  target: string;
  met: boolean | null;
}

export async function storageFigures(_options: {
  quick: boolean;
  databaseUrl?: string;
}): Promise<StorageRow[]> {
  return [];
}
