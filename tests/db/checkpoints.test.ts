import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { describe, expect, it, onTestFinished } from "vitest";
import { type CheckpointPolicy, type CheckpointReport, scheduleCheckpoints } from "../../db/checkpoints";
import { openDatabase } from "../../db/client";

// PGlite only: PostgreSQL's own checkpointer is not ours to test.

const never = 3_600_000;

/** An embedded database (in `dataDir`, or in memory) with `policy`, and the checkpoints it reports. */
async function embedded(policy?: CheckpointPolicy, dataDir?: string) {
  const reports: CheckpointReport[] = [];
  const database = await openDatabase({ dataDir, checkpoints: policy, onCheckpoint: (r) => reports.push(r) });
  onTestFinished(() => database.close());
  const client = (database.db as unknown as { $client: PGlite }).$client;
  await client.exec("create table blobs (b bytea not null)");
  /** WAL bytes since the last checkpoint began, as PostgreSQL counts them. */
  const walBehind = async () =>
    Number(
      (
        await client.query<{ behind: string }>(
          "select (pg_current_wal_lsn() - redo_lsn)::text as behind from pg_control_checkpoint()",
        )
      ).rows[0].behind,
    );
  /** Writes `bytes` of incompressible data in rows of 16 kB. */
  const write = async (bytes: number) => {
    for (let n = 0; n < bytes; n += 16_384)
      await client.query(`insert into blobs values ('\\x${randomBytes(16_384).toString("hex")}')`);
  };
  return { reports, client, walBehind, write };
}

describe("checkpoints of the embedded database", () => {
  it("are written once enough WAL has piled up, so a killed server has little to replay", async () => {
    const dataDir = await mkdtemp(join(tmpdir(), "eenplan-checkpoints-"));
    onTestFinished(() => rm(dataDir, { recursive: true, force: true }));
    const walBytes = 1024 * 1024;
    const db = await embedded({ checkMs: 25, walBytes, maxIntervalMs: never }, dataDir);
    // Without checkpoints all 8 MB would wait to be replayed after a kill.
    await db.write(8 * 1024 * 1024);
    await expect.poll(db.walBehind, { timeout: 10_000 }).toBeLessThan(walBytes);
    const done = db.reports.filter((r) => r.ok);
    expect(done.length).toBeGreaterThan(0);
    expect(done.every((r) => r.reason === "wal" && r.walBytes >= walBytes)).toBe(true);
  });

  it("are written after the interval when anything was written, and not when nothing was", async () => {
    const db = await embedded();
    const reports: CheckpointReport[] = [];
    const schedule = scheduleCheckpoints(
      db.client,
      { checkMs: never, walBytes: 1024 ** 3, maxIntervalMs: 0 },
      (r) => reports.push(r),
    );
    onTestFinished(() => schedule.stop());
    await db.write(16_384);
    await schedule.check();
    expect(reports).toEqual([expect.objectContaining({ ok: true, reason: "interval" })]);
    expect(await db.walBehind()).toBeLessThan(16_384);
    await schedule.check();
    await schedule.check();
    expect(reports).toHaveLength(1);
    await db.write(16_384);
    await schedule.check();
    expect(reports).toHaveLength(2);
  });

  it("report a failed checkpoint instead of throwing, and stay quiet once stopped", async () => {
    const client = new PGlite();
    await client.close();
    const reports: CheckpointReport[] = [];
    const schedule = scheduleCheckpoints(client, { checkMs: never, walBytes: 0, maxIntervalMs: 0 }, (r) =>
      reports.push(r),
    );
    await expect(schedule.check()).resolves.toBeUndefined();
    expect(reports).toEqual([expect.objectContaining({ ok: false })]);
    await schedule.stop();
    await schedule.check();
    expect(reports).toHaveLength(1);
  });
});
