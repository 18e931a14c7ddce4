/**
 * The Yjs endpoint writes its audit entries in batches (`writeAuditEntries`, one JSON document):
 * the rows must land in order, with every field, and keep the hash chain intact beside entries
 * written one at a time by `writeAudit`.
 */
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "../../db/schema";
import {
  type AuditActor,
  hashAuditRow,
  verifyAuditChain,
  writeAudit,
  writeAuditEntries,
} from "../../server/audit/log";
import { useMigratedDatabase } from "../helpers/database";

const t = useMigratedDatabase();

const caseId = "00000000-0000-4000-8000-0000000000aa";
const actorA: AuditActor = {
  userId: "00000000-0000-4000-8000-000000000001",
  role: "chair",
  organisationId: "00000000-0000-4000-8000-000000000002",
  clientAddress: "127.0.0.1",
};
const actorB: AuditActor = { userId: null, role: null, organisationId: null, clientAddress: null };

describe("batched audit entries", () => {
  it("stores each entry with its own actor, time and details, in order, on an intact chain", async () => {
    const t0 = new Date("2026-11-22T10:00:00.123Z");
    await writeAudit(
      t.database.db,
      actorA,
      { action: "read", objectType: "section", outcome: "success" },
      t0,
    );
    const items = Array.from({ length: 120 }, (_, i) => ({
      actor: i % 2 === 0 ? actorA : actorB,
      entry: {
        action: i % 3 === 0 ? ("refused" as const) : ("update" as const),
        objectType: "section",
        objectId: `case:${caseId}:goals`,
        caseId: i % 2 === 0 ? caseId : null,
        outcome: i % 3 === 0 ? ("refused" as const) : ("success" as const),
        breakGlass: i === 7,
        details: i % 3 === 0 ? { reason: "read_only", n: i, ok: false, none: null } : undefined,
      },
      at: new Date(t0.getTime() + i * 1001),
    }));
    await writeAuditEntries(t.database.db, items);
    await writeAudit(
      t.database.db,
      actorB,
      { action: "read", objectType: "section", outcome: "success" },
      new Date(t0.getTime() + 500_000),
    );

    const rows = await t.database.db.select().from(auditLog).orderBy(asc(auditLog.id));
    expect(rows).toHaveLength(122);
    for (const [i, item] of items.entries()) {
      const row = rows[i + 1];
      expect(row.at.toISOString()).toBe(item.at.toISOString());
      expect(row.userId).toBe(item.actor.userId);
      expect(row.userRole).toBe(item.actor.role);
      expect(row.organisationId).toBe(item.actor.organisationId);
      expect(row.clientAddress).toBe(item.actor.clientAddress);
      expect(row.action).toBe(item.entry.action);
      expect(row.caseId).toBe(item.entry.caseId);
      expect(row.objectId).toBe(item.entry.objectId);
      expect(row.outcome).toBe(item.entry.outcome);
      expect(row.breakGlass).toBe(i === 7);
      expect(row.details).toEqual(item.entry.details ?? null);
    }
    expect(await verifyAuditChain(t.database.db)).toEqual({ ok: true, count: 122 });
  });
});

describe("the hash of an entry", () => {
  it("stays what it was when the chain was written (SHA-256 over the fields as UTF-8 JSON)", () => {
    // Computed with the @oslojs/crypto implementation that wrote the chains stored so far: a
    // different hash would make every existing chain fail its check.
    const hash = hashAuditRow({
      prevHash: "0".repeat(64),
      at: new Date("2026-11-23T10:00:00.000Z"),
      userId: "6f1c2b9e-4d3a-4e8f-9a7b-1c2d3e4f5a6b",
      userRole: "chair",
      organisationId: null,
      action: "read",
      caseId: "0b8e7c6d-5f4a-4b3c-8d2e-1f0a9b8c7d6e",
      objectType: "section",
      objectId: "case:0b8e7c6d-5f4a-4b3c-8d2e-1f0a9b8c7d6e:safety",
      purpose: "MDA++ overleg",
      outcome: "success",
      clientAddress: "127.0.0.1",
      breakGlass: false,
      details: { reason: "é—ü", count: 3 },
    });
    expect(hash).toBe("e85083250a2100984ab69112b9d72b0ef6f6abe16cf7d2cbabc6794762606df8");
  });
});
