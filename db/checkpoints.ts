/**
 * Checkpoints for the embedded database. PostgreSQL's checkpointer process writes one every few
 * minutes or after max_wal_size of WAL; PGlite runs PostgreSQL as a single backend, which never
 * asks for one itself. Without them the write-ahead log since start-up is kept and, after a killed
 * process, replayed in full before the server can open the database: 256 MB of WAL (a busy week of
 * edits) added 2.3 s to the start here, and the folder grew without end.
 */
import type { PGlite } from "@electric-sql/pglite";

/** When the embedded database writes a checkpoint. */
export interface CheckpointPolicy {
  /** How often the WAL written since the last checkpoint is looked at. */
  checkMs: number;
  /** Checkpoint once this much WAL was written since the last one (bounds the replay after a kill). */
  walBytes: number;
  /** Checkpoint at least this often while anything is written (PostgreSQL's checkpoint_timeout). */
  maxIntervalMs: number;
}

/**
 * 32 MB of WAL replays in about 0.3 s; a checkpoint after that much took 80–90 ms here, and it runs
 * on the server's event loop (PGlite does), so it should not come much more often than that.
 */
export const defaultCheckpointPolicy: CheckpointPolicy = {
  checkMs: 30_000,
  walBytes: 32 * 1024 * 1024,
  maxIntervalMs: 5 * 60_000,
};

/** What a checkpoint did, for the log: never data. */
export type CheckpointReport =
  | { ok: true; walBytes: number; ms: number; reason: "wal" | "interval" }
  | { ok: false; error: unknown };

/** A running schedule; `stop` waits for a checkpoint in progress. */
export interface CheckpointSchedule {
  /** Looks at the WAL now and checkpoints when the policy says so (the timer calls this). */
  check(): Promise<void>;
  stop(): Promise<void>;
}

interface WalPosition {
  /** WAL bytes written since the last checkpoint began. */
  behind: string;
  /** The current WAL position. */
  lsn: string;
}

/** Starts checking `client` by `policy`, reporting each checkpoint (and each failure) to `report`. */
export function scheduleCheckpoints(
  client: Pick<PGlite, "query" | "exec">,
  policy: CheckpointPolicy,
  report: (event: CheckpointReport) => void = () => {},
): CheckpointSchedule {
  let lastAt = performance.now();
  /** The WAL position right after our last checkpoint: anything past it is new writing. */
  let lastLsn: string | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;

  const position = async () =>
    (
      await client.query<WalPosition>(
        "select (pg_current_wal_lsn() - redo_lsn)::text as behind, pg_current_wal_lsn()::text as lsn from pg_control_checkpoint()",
      )
    ).rows[0];

  const run = async () => {
    try {
      const before = await position();
      const walBytes = Number(before.behind);
      const reason =
        walBytes >= policy.walBytes
          ? "wal"
          : performance.now() - lastAt >= policy.maxIntervalMs && before.lsn !== lastLsn
            ? "interval"
            : undefined;
      if (!reason || stopped) return;
      const started = performance.now();
      await client.exec("checkpoint");
      lastAt = performance.now();
      lastLsn = (await position()).lsn;
      report({ ok: true, walBytes, ms: Math.round(lastAt - started), reason });
    } catch (error) {
      if (!stopped) report({ ok: false, error });
    }
  };
  const check = () => {
    running ??= run().finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(check, policy.checkMs);
  timer.unref();
  return {
    check,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
