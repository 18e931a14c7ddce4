/**
 * `inspectUpdate(…).noop` decides which incoming updates are stored: anything new must count as new (or
 * it would be lost), anything already known must not (or every reconnect would store the whole
 * document again), and a frame that does not decode must throw (the connection is closed).
 */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { inspectUpdate } from "../../server/collab/live-doc";

/** Whether the server would store nothing of the update. */
const isNoopUpdate = (doc: Y.Doc, update: Uint8Array) => inspectUpdate(doc, update).noop;

/** A client doc whose updates are collected, and the server doc they are applied to. */
function pair() {
  const server = new Y.Doc();
  const client = new Y.Doc();
  const updates: Uint8Array[] = [];
  client.on("update", (u: Uint8Array) => updates.push(u));
  return { server, client, updates };
}

describe("isNoopUpdate", () => {
  it("counts an insert as new until the server has it, then as a no-op", () => {
    const { server, client, updates } = pair();
    client.getText("t").insert(0, "Oma haalt de kinderen op");
    const [u] = updates;
    expect(isNoopUpdate(server, u)).toBe(false);
    Y.applyUpdate(server, u);
    expect(isNoopUpdate(server, u)).toBe(true);
  });

  it("counts an update that is only partly known as new", () => {
    const { server, client, updates } = pair();
    client.getText("t").insert(0, "abc");
    Y.applyUpdate(server, updates[0]);
    client.getText("t").insert(3, "def");
    // The whole state: the first part is known, the second is not.
    const whole = Y.encodeStateAsUpdate(client);
    expect(isNoopUpdate(server, whole)).toBe(false);
    Y.applyUpdate(server, whole);
    expect(isNoopUpdate(server, whole)).toBe(true);
  });

  it("counts a deletion of known text as new, and a reconnect's repeated delete set as a no-op", () => {
    const { server, client, updates } = pair();
    client.getText("t").insert(0, "abcdef");
    Y.applyUpdate(server, updates[0]);
    client.getText("t").delete(1, 2);
    const deletion = updates[1];
    expect(isNoopUpdate(server, deletion)).toBe(false);
    Y.applyUpdate(server, deletion);
    expect(isNoopUpdate(server, deletion)).toBe(true);
    // Sync step 2 of a reconnecting client: its whole state, delete set included.
    expect(isNoopUpdate(server, Y.encodeStateAsUpdate(client))).toBe(true);
  });

  it("counts a deletion of another client's text as new", () => {
    const { server, client, updates } = pair();
    const other = new Y.Doc();
    other.getText("t").insert(0, "van een ander");
    const theirs = Y.encodeStateAsUpdate(other);
    Y.applyUpdate(server, theirs);
    Y.applyUpdate(client, theirs);
    updates.length = 0;
    client.getText("t").delete(0, 4);
    expect(isNoopUpdate(server, updates[0])).toBe(false);
  });

  it("counts an update that waits for a missing one as new (it must be stored)", () => {
    const { server, client, updates } = pair();
    client.getText("t").insert(0, "a");
    client.getText("t").insert(1, "b");
    expect(isNoopUpdate(server, updates[1])).toBe(false);
  });

  it("counts an empty update as a no-op and throws on one that does not decode", () => {
    const server = new Y.Doc();
    expect(isNoopUpdate(server, new Uint8Array([0, 0]))).toBe(true);
    expect(() => isNoopUpdate(server, new Uint8Array([5, 200, 1]))).toThrow();
    const { client, updates } = pair();
    client.getText("t").insert(0, "abc");
    expect(() => isNoopUpdate(server, updates[0].subarray(0, updates[0].length - 3))).toThrow();
  });
});
