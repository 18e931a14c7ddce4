/**
 * The helpers that let connections arriving together share database work: one lookup per key for
 * the callers that arrive before it starts, and group commit for work on many items.
 */
import { describe, expect, it } from "vitest";
import { batched, nextTurn, sharedLookup } from "../../server/batching";

describe("sharedLookup", () => {
  it("asks once for every caller with the same key that arrives before the lookup starts", async () => {
    const asked: string[] = [];
    const lookup = sharedLookup(
      (key: string) => key,
      async (key: string) => {
        asked.push(key);
        return `${key}:${asked.length}`;
      },
    );
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, () => lookup("session-a")),
      lookup("session-b"),
    ]);
    expect(asked.sort()).toEqual(["session-a", "session-b"]);
    expect(new Set(answers.slice(0, 12)).size).toBe(1);
    expect(answers[12]).toMatch(/^session-b:/);
  });

  it("never hands out an older answer: a caller after the lookup started gets a lookup of its own", async () => {
    let value = "before";
    let calls = 0;
    const lookup = sharedLookup(
      () => "k",
      async () => {
        calls++;
        const seen = value;
        await nextTurn();
        return seen;
      },
    );
    const first = lookup();
    await nextTurn(); // the first lookup has started and read "before"
    value = "after"; // e.g. the session was logged out
    const second = lookup();
    expect(await first).toBe("before");
    expect(await second).toBe("after");
    expect(calls).toBe(2);
  });

  it("gives every sharer the failure, and asks again afterwards", async () => {
    let fail = true;
    const lookup = sharedLookup(
      () => "k",
      async () => {
        if (fail) throw new Error("database away");
        return "ok";
      },
    );
    const results = await Promise.allSettled([lookup(), lookup(), lookup()]);
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    fail = false;
    expect(await lookup()).toBe("ok");
  });
});

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

  it("starts no batch before waitFor resolves, and what arrives meanwhile joins it", async () => {
    const batches: number[][] = [];
    let clear: () => void = () => {};
    const run = batched(
      async (items: number[]) => {
        batches.push(items);
        return items;
      },
      { waitFor: () => new Promise<void>((resolve) => (clear = resolve)) },
    );
    const first = run(0);
    await nextTurn();
    await nextTurn();
    const later = run(1);
    await nextTurn();
    expect(batches).toEqual([]);
    clear();
    expect(await Promise.all([first, later])).toEqual([0, 1]);
    expect(batches).toEqual([[0, 1]]);
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
