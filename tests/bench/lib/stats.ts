/** Percentiles and formatting for benchmark figures. */

/** The p-th percentile (0–100) of the values, nearest-rank. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

/** Median. */
export const median = (values: number[]) => percentile(values, 50);

/** Milliseconds with one decimal. */
export const ms = (v: number) => (Number.isFinite(v) ? `${v.toFixed(1)} ms` : "n/a");

/** Bytes as MiB. */
export const mib = (v: number) => `${(v / 1024 / 1024).toFixed(1)} MiB`;

/** A ratio ours/reference with 2 decimals. */
export const ratio = (ours: number, ref: number) => (ref > 0 ? `${(ours / ref).toFixed(2)}×` : "n/a");

/** Waits for `ms` milliseconds. */
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
