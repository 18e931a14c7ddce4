/**
 * The helper that lets connections arriving together share database work: group commit for work on
 * many items.
 */
import { describe, expect, it } from "vitest";
import { batched, nextTurn } from "../../server/batching";

describe("batched", () => {
  it("runs what arrives together as one batch and answers each caller with its own result", async () => {
    const batches: number[][] = [];
    const double = batched(async (items: number[]) => {
      batches.push(items);
      return items.map((n) => n * 2);
    });
    const results = await Promise.all(Array.from({ length: 50 }, (_, i) => double(i)));
    expect(results).toEqual(Array.from({ length: 50 }, (_, i) => i * 2));
    expect(batches).toHaveLength(1);
  });

  it("puts what arrives while a batch runs into the next one, at most maxBatch at a time", async () => {
    const batches: number[][] = [];
    let release: () => void = () => {};
    const run = batched(
      async (items: number[]) => {
        batches.push(items);
        if (batches.length === 1) await new Promise<void>((resolve) => (release = resolve));
        return items;
      },
      { maxBatch: 3 },
    );
    const first = run(0);
    await nextTurn();
    await nextTurn();
    const later = [1, 2, 3, 4].map((n) => run(n));
    release();
    expect(await Promise.all([first, ...later])).toEqual([0, 1, 2, 3, 4]);
    expect(batches).toEqual([[0], [1, 2, 3], [4]]);
  });

  it("rejects the callers of a failed batch and still runs the next", async () => {
    let fail = true;
    const run = batched(async (items: string[]) => {
      if (fail) throw new Error("write failed");
      return items;
    });
    const failed = await Promise.allSettled([run("a"), run("b")]);
    expect(failed.every((r) => r.status === "rejected")).toBe(true);
    fail = false;
    expect(await run("c")).toBe("c");
  });
});
