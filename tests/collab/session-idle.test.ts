/**
 * An open plan alone does not keep a session alive: someone who walks away from an open editor is
 * logged out after the idle time (2 hours), while someone who keeps writing stays. The periodic
 * session check of open connections is a check, not a use; an edit is a use.
 */

import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cases } from "../../db/schema";
import { demoCaseReference } from "../../db/seed/demo";
import { fixedClock } from "../../server/clock";
import { createCollabAttach } from "../../server/collab";
import { closeCodes } from "../../shared/close-codes";
import { startTestServer, type TestServer } from "../helpers/server";
import {
  appendParagraph,
  openSection,
  providerCloseCode,
  type SectionClient,
  waitForText,
} from "../helpers/yjs";

const clock = fixedClock(new Date());
let server: TestServer;
let docName: string;
const clients: SectionClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ clock, attachments: [createCollabAttach({ sessionCheckMs: 100 })] });
  const [demo] = await server.deps.database.db
    .select()
    .from(cases)
    .where(eq(cases.reference, demoCaseReference));
  docName = `case:${demo.id}:goals`;
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await server?.stop();
});

const checksRun = () => new Promise((r) => setTimeout(r, 400));

describe("an open plan and the idle time", () => {
  it("ends the session of someone who only has the plan open, not of someone who writes", async () => {
    const reader = await openSection(server.url, (await server.loginAs("voorzitter")).cookie, docName);
    const writer = await openSection(server.url, (await server.loginAs("wijkteam")).cookie, docName);
    clients.push(reader, writer);
    const readerClosed = providerCloseCode(reader, 15_000);

    clock.advance(60 * 60_000);
    await checksRun();
    appendParagraph(writer.doc, "Joris belt moeder vandaag nog.");
    await waitForText(reader, ["Joris belt moeder vandaag nog."]);
    await checksRun();

    // Two hours and a minute after login: the reader was idle all along, the writer for an hour.
    clock.advance(61 * 60_000);
    expect(await readerClosed).toBe(closeCodes.sessionEnded);
    await checksRun();
    expect(writer.provider.wsconnected).toBe(true);
    appendParagraph(writer.doc, "En schrijft het op.");
    await waitForText(
      await openSection(server.url, (await server.loginAs("veiligthuis")).cookie, docName).then((c) => {
        clients.push(c);
        return c;
      }),
      ["En schrijft het op."],
    );
  });
});
