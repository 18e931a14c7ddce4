/**
 * The end of the audit chain under concurrent writers (PostgreSQL only: on PGlite transactions take
 * turns, so a second transaction could not be waiting for the lock while the first holds it).
 */
import { desc, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rowsOf } from "../../db/client";
import { auditLog } from "../../db/schema";
import { type AuditActor, chainEndSql, writeAudit } from "../../server/audit/log";
import { useMigratedDatabase } from "../helpers/database";

const t = useMigratedDatabase();

const actorA: AuditActor = {
  userId: "00000000-0000-4000-8000-000000000001",
  role: "chair",
  organisationId: "00000000-0000-4000-8000-000000000002",
  clientAddress: "127.0.0.1",
};

describe("the chain end", () => {
  it("is read after the lock is taken, so a writer that waited for it sees the entry written before it", async () => {
    // Read in the statement's own snapshot (taken before the lock was granted), B would get the end
    // from before A's entry and fork the chain.
    const db = t.database.db;
    let written!: () => void;
    const aWrote = new Promise<void>((resolve) => {
      written = resolve;
    });
    let commitA!: () => void;
    const aMayCommit = new Promise<void>((resolve) => {
      commitA = resolve;
    });
    const a = db.transaction(async (tx) => {
      await writeAudit(tx, actorA, { action: "read", objectType: "section", outcome: "success" }, new Date());
      written();
      await aMayCommit;
    });
    await aWrote;
    const b = db.transaction(
      async (tx) => rowsOf<{ hash: string }>(await tx.execute(sql.raw(chainEndSql)))[0]?.hash,
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    commitA();
    await a;
    const [last] = await db.select().from(auditLog).orderBy(desc(auditLog.id)).limit(1);
    expect(await b).toBe(last.hash);
  });
});
