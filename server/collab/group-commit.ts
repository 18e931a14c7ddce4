/**
 * Group commit: raw Yjs updates that arrive in the same tick (and while a write is in flight) are
 * stored together in one multi-row INSERT, then handed back for applying and broadcasting. An
 * update is never broadcast before the transaction that stores it has committed.
 *
 * Under load (many updates a second) a batch waits a moment longer before it is written, as
 * PostgreSQL's own `commit_delay` does when other transactions are active: on PGlite, which runs
 * on this thread, each commit costs the same half millisecond whether it holds one row or twenty,
 * so fewer, larger commits leave the CPU to the messages themselves. At a low rate nothing waits.
 */
import { setImmediate as nextTick, setTimeout as sleep } from "node:timers/promises";

/** One update waiting to be stored. */
export interface PendingUpdate<T> {
  docName: string;
  update: Uint8Array;
  /** Whatever the caller needs after the commit (the live doc, the sending connection). */
  meta: T;
}

/** What the queue calls: store a batch, then report success or failure of that batch. */
export interface GroupCommitHandlers<T> {
  store(rows: { docName: string; update: Uint8Array }[]): Promise<void>;
  committed(batch: PendingUpdate<T>[]): void;
  failed(batch: PendingUpdate<T>[], err: unknown): void;
}

/** When and how long a batch waits for more updates before it is written. */
export interface GroupCommitDelay {
  /** Updates per second from which the queue counts as busy. */
  busyPerSecond: number;
  /** How long a batch waits while busy (0: never). */
  delayMs: number;
}

export const defaultCommitDelay: GroupCommitDelay = { busyPerSecond: 500, delayMs: 2 };

/** The arrival rate is measured over windows of this length. */
const rateWindowMs = 250;

/** A FIFO of updates written in batches, one batch in flight at a time. */
export class GroupCommit<T> {
  private queue: PendingUpdate<T>[] = [];
  private running: Promise<void> | null = null;
  private windowStart = performance.now();
  private windowCount = 0;
  private busy = false;
  /** Number of batches written so far (for measurements). */
  batches = 0;

  constructor(
    private readonly handlers: GroupCommitHandlers<T>,
    private readonly maxBatchBytes = 8 * 1024 * 1024,
    private readonly delay: GroupCommitDelay = defaultCommitDelay,
  ) {}

  /** Queues an update; it is stored with whatever else arrives before the write starts. */
  enqueue(item: PendingUpdate<T>): void {
    this.queue.push(item);
    this.windowCount++;
    const now = performance.now();
    if (now - this.windowStart >= rateWindowMs) {
      // A pause ends the window with a low rate: the first update after it does not wait.
      this.busy = (this.windowCount * 1000) / (now - this.windowStart) >= this.delay.busyPerSecond;
      this.windowStart = now;
      this.windowCount = 0;
    }
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when everything queued so far has been written (or has failed). */
  async flush(): Promise<void> {
    while (this.running) await this.running;
  }

  private async run(): Promise<void> {
    // Let the rest of this tick's messages join the batch, and under load a little more.
    await nextTick();
    if (this.busy && this.delay.delayMs > 0) await sleep(this.delay.delayMs);
    while (this.queue.length > 0) {
      const batch = this.take();
      try {
        await this.handlers.store(batch.map((b) => ({ docName: b.docName, update: b.update })));
      } catch (err) {
        safely(() => this.handlers.failed(batch, err));
        continue;
      }
      this.batches++;
      safely(() => this.handlers.committed(batch));
    }
  }

  private take(): PendingUpdate<T>[] {
    let bytes = 0;
    let n = 0;
    while (
      n < this.queue.length &&
      (n === 0 || bytes + this.queue[n].update.byteLength <= this.maxBatchBytes)
    ) {
      bytes += this.queue[n].update.byteLength;
      n++;
    }
    return this.queue.splice(0, n);
  }
}

/** A callback that throws must not stop the queue (the next batch still has to be written). */
function safely(run: () => void): void {
  try {
    run();
  } catch {
    // The handlers log their own failures; nothing more to do here.
  }
}
