/**
 * A member's client could nest blocks thousands deep; stored, such a section overflowed the stack
 * of the browser's editor for everyone who opened it, and nobody could repair it from the page.
 * The server measures how deep each incoming update nests and refuses what nothing honest writes.
 */

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { inspectUpdate, maxNesting } from "../../server/collab/live-doc";
import { closeCodes } from "../../shared/close-codes";
import { demoCaseId } from "../followup/fixture";
import { startTestServer, type TestServer } from "../helpers/server";
import { appendParagraph, openSection, providerCloseCode, roundTrip, waitForText } from "../helpers/yjs";

/** A paragraph inside `lists` nested lists (bulletList > listItem > … > paragraph), as one update. */
function nestedList(parent: Y.XmlFragment | Y.XmlElement, lists: number, text: string): void {
  (parent.doc as Y.Doc).transact(() => {
    let at: Y.XmlFragment | Y.XmlElement = parent;
    for (let i = 0; i < lists; i++) {
      const list = new Y.XmlElement("bulletList");
      const item = new Y.XmlElement("listItem");
      at.insert(at.length, [list]);
      list.insert(0, [item]);
      at = item;
    }
    const p = new Y.XmlElement("paragraph");
    at.insert(0, [p]);
    p.insert(0, [new Y.XmlText(text)]);
  });
}

/** The updates a client doc makes while `change` runs. */
function updatesOf(doc: Y.Doc, change: () => void): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const collect = (u: Uint8Array) => updates.push(u);
  doc.on("update", collect);
  change();
  doc.off("update", collect);
  return updates;
}

describe("how deep an update nests", () => {
  it("counts the levels of a plan as people write it", () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const fragment = client.getXmlFragment("prosemirror");
    const [flat] = updatesOf(client, () =>
      client.transact(() => {
        const p = new Y.XmlElement("paragraph");
        fragment.insert(0, [p]);
        p.insert(0, [new Y.XmlText("Oma haalt de kinderen op")]);
      }),
    );
    // paragraph (level 0), its text (1), the characters (2)
    expect(inspectUpdate(server, flat)).toEqual({ noop: false, nesting: 2 });
    Y.applyUpdate(server, flat);
    const [lists] = updatesOf(client, () => nestedList(fragment, 10, "tien diep"));
    expect(inspectUpdate(server, lists).nesting).toBe(22);
    Y.applyUpdate(server, lists);
    expect(inspectUpdate(server, lists)).toEqual({ noop: true, nesting: 0 });
  });

  it("finds the depth of typing inside blocks the server already holds", () => {
    const server = new Y.Doc();
    const client = new Y.Doc();
    const fragment = client.getXmlFragment("prosemirror");
    for (const u of updatesOf(client, () => nestedList(fragment, 30, "diep"))) Y.applyUpdate(server, u);
    // Typing in the deepest paragraph names only its neighbour, which the server has.
    const deepest = (() => {
      let at: Y.XmlElement = fragment.get(0) as Y.XmlElement;
      while (at.nodeName !== "paragraph") at = at.get(0) as Y.XmlElement;
      return at.get(0) as Y.XmlText;
    })();
    const [typing] = updatesOf(client, () => deepest.insert(4, " en dieper"));
    expect(inspectUpdate(server, typing).nesting).toBe(62);
  });

  it("sees a crafted chain thousands deep without running out of stack", () => {
    const client = new Y.Doc();
    const [crafted] = updatesOf(client, () => nestedList(client.getXmlFragment("prosemirror"), 6_000, "x"));
    expect(inspectUpdate(new Y.Doc(), crafted).nesting).toBe(12_002);
  });
});

describe("the Yjs endpoint", () => {
  let server: TestServer;
  let caseId: string;
  beforeAll(async () => {
    server = await startTestServer();
    caseId = await demoCaseId(server.deps.database.db);
  });
  afterAll(() => server?.stop());

  it("closes a connection whose update nests too deep, stores none of it, and serves the others", async () => {
    const [politie, ellen] = await Promise.all([server.loginAs("politie"), server.loginAs("veiligthuis")]);
    const docName = `case:${caseId}:signals`;
    const attacker = await openSection(server.url, politie.cookie, docName);
    const honest = await openSection(server.url, ellen.cookie, docName);
    const closed = providerCloseCode(attacker);
    nestedList(attacker.doc.getXmlFragment("prosemirror"), maxNesting, "te diep");
    expect(await closed).toBe(closeCodes.tooLarge);
    attacker.provider.disconnect();

    appendParagraph(honest.doc, "Signaal: vader belt vaker dan afgesproken");
    await roundTrip(honest);
    const fresh = await openSection(server.url, ellen.cookie, docName);
    await waitForText(fresh, ["Signaal: vader belt vaker"]);
    expect(fresh.text()).not.toContain("te diep");

    // Nested as a plan really is, it goes through.
    nestedList(honest.doc.getXmlFragment("prosemirror"), 10, "tien lagen diep");
    await waitForText(fresh, ["tien lagen diep"]);
    for (const c of [attacker, honest, fresh]) c.destroy();
  });
});
