/**
 * Sharing database work between connections that arrive together. PGlite computes on the server's
 * own thread, so a query started at once finishes before the next connection is even read; `batched`
 * waits one turn of the event loop (under load a little longer), then does the work of everything
 * that arrived.
 */

/** How long ago counts as "busy": work that ended this recently means more is coming. */
const busyWindowMs = 50;

/**
 * How long the lookups of a reconnect storm (session, access, audit, document reads) wait for more
 * connections when busy. Each batch costs a round of queries whatever its size, so fewer, larger
 * batches finish the storm sooner: 1,500 clients reconnecting at once resynced in 3.5–4.1 s with
 * 10 ms, 3.3–3.5 s with 20, 2.8–3.0 s with 25 and 35, and 4.0 s with 50 (tests/bench, storm).
 */
export const admissionGatherMs = 25;

/** Waits for more work to join: `delayMs` when busy, otherwise only the rest of this turn. */
function gather(lastEnd: number, delayMs: number): Promise<void> {
  if (delayMs > 0 && performance.now() - lastEnd < busyWindowMs) {
    return new Promise((resolve) => setTimeout(resolve, delayMs));
  }
  return nextTurn();
}

/** Resolves on the next turn of the event loop, after the I/O that is ready now has been read. */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Group commit for any work on many items: items arriving while a batch runs, or in the same turn
 * of the event loop, go into the next batch (at most `maxBatch`). Each caller's promise settles
 * with its own result when its batch is done, or rejects with the batch's error.
 */
export function batched<I, R>(
  run: (items: I[]) => Promise<R[]>,
  options: { maxBatch?: number; busyDelayMs?: number } = {},
): (item: I) => Promise<R> {
  const maxBatch = options.maxBatch ?? 100;
  const busyDelayMs = options.busyDelayMs ?? 0;
  type Waiting = { item: I; resolve: (result: R) => void; reject: (err: unknown) => void };
  let queue: Waiting[] = [];
  let running = false;
  let lastBatchEnd = Number.NEGATIVE_INFINITY;
  const drain = async () => {
    running = true;
    while (queue.length > 0) {
      // Under load wait a little for more, like PostgreSQL's commit_delay.
      if (queue.length < maxBatch) await gather(lastBatchEnd, busyDelayMs);
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      try {
        const results = await run(batch.map((w) => w.item));
        for (const [i, w] of batch.entries()) w.resolve(results[i]);
      } catch (err) {
        for (const w of batch) w.reject(err);
      }
      lastBatchEnd = performance.now();
    }
    running = false;
  };
  return (item) =>
    new Promise<R>((resolve, reject) => {
      queue.push({ item, resolve, reject });
      if (!running) void drain();
    });
}
