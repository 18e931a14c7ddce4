import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../helpers/server";
import { appendParagraph, openSection, roundTrip, type SectionClient, waitForText } from "../helpers/yjs";

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.stop());

describe("a full conference in one section", () => {
  it("keeps eight participants with cursors connected (clients echo each other's presence)", async () => {
    const keys = ["voorzitter", "wijkteam", "veiligthuis", "politie", "ervaringsdeskundige", "coordinator"];
    const logins = await Promise.all(keys.map((k) => server.loginAs(k)));
    const cases = await logins[0].get("/api/cases");
    const doc = `case:${cases.json.cases[0].id}:immediate_safety`;
    // Six people, two of them with a second device: more than the per-connection awareness cap.
    const clients: SectionClient[] = [];
    for (const [i, login] of [...logins, logins[0], logins[1]].entries()) {
      const c = await openSection(server.url, login.cookie, doc);
      c.provider.awareness.setLocalStateField("user", { name: `deelnemer ${i}`, color: "#154273" });
      clients.push(c);
    }
    const closes: number[] = [];
    for (const c of clients)
      c.provider.on("connection-close", (e: CloseEvent | null) => closes.push(e?.code ?? -1));
    // Everyone sees everyone's presence; each client has echoed the others' states back by now.
    for (const c of clients) {
      for (let t = 0; t < 100 && c.provider.awareness.getStates().size < clients.length; t++) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(c.provider.awareness.getStates().size).toBe(clients.length);
    }
    for (const c of clients) await roundTrip(c);
    expect(closes).toEqual([]);
    expect(clients.every((c) => c.provider.wsconnected)).toBe(true);
    // And they still edit together.
    appendParagraph(clients[1].doc, "afspraak na de ronde");
    await waitForText(clients[5], ["afspraak na de ronde"]);
    for (const c of clients) c.destroy();
  });
});
