/**
 * One session may have only so many Socket.IO sockets open (`MAX_SOCKETS_PER_SESSION`): beyond the
 * cap the handshake is refused with `too_many_connections`, in the language of the handshake, until
 * one of the session's sockets goes.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createConferenceAttach } from "../../../server/conference";
import { startTestServer, type TestServer } from "../../helpers/server";
import { type ConferenceSocket, connectSocket } from "../../helpers/socket";

/** Small, so the test is quick; production allows 20. */
const cap = 2;

let server: TestServer;
const open: ConferenceSocket[] = [];

beforeAll(async () => {
  server = await startTestServer({
    config: { maxSocketsPerSession: cap },
    attachments: [createConferenceAttach()],
  });
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.stop();
});

/** A new login of the chair: a session of its own. */
async function session(): Promise<string> {
  return (await server.loginAs("voorzitter")).cookie as string;
}

async function connect(cookie: string, auth?: Record<string, unknown>): Promise<ConferenceSocket> {
  const socket = await connectSocket(server.url, cookie, auth ? { auth } : {});
  open.push(socket);
  return socket;
}

/** The connect_error of a refused handshake (fails when the handshake is accepted). */
async function refusal(cookie: string, auth?: Record<string, unknown>) {
  try {
    const socket = await connect(cookie, auth);
    socket.close();
  } catch (err) {
    return err as Error & { data?: unknown };
  }
  throw new Error("the handshake was accepted");
}

const dutch = {
  code: "too_many_connections",
  message:
    "Er staan te veel verbindingen open met deze sessie. Sluit een ander tabblad: dit verbindt daarna vanzelf.",
};

describe("Socket.IO sockets per session", () => {
  it("refuses the socket beyond the cap, in Dutch or English, until one closes; another session is not affected", async () => {
    const cookie = await session();
    const first = await connect(cookie);
    await connect(cookie);

    const refused = await refusal(cookie);
    expect(refused.message).toBe("too_many_connections");
    expect(refused.data).toEqual(dutch);
    const inEnglish = await refusal(cookie, { locale: "en" });
    expect(inEnglish.data).toEqual({
      code: "too_many_connections",
      message:
        "Too many connections are open with this session. Close another tab: this one then connects by itself.",
    });

    // The same person signed in elsewhere.
    expect((await connect(await session())).connected).toBe(true);

    first.close();
    // The slot comes back once the server has seen the socket go.
    const again = await vi.waitFor(() => connect(cookie), { timeout: 5000, interval: 50 });
    expect(again.connected).toBe(true);
    expect((await refusal(cookie)).data).toEqual(dutch);
  });

  it("accepts exactly the cap of many handshakes that arrive at once", async () => {
    const cookie = await session();
    const outcomes = await Promise.allSettled(Array.from({ length: 12 }, () => connect(cookie)));
    const accepted = outcomes.filter((o) => o.status === "fulfilled");
    const refused = outcomes.flatMap((o) => (o.status === "rejected" ? [o.reason as Error] : []));
    expect(accepted).toHaveLength(cap);
    expect(refused.map((e) => e.message)).toEqual(Array(12 - cap).fill("too_many_connections"));
  });

  it("gives the slot back of a socket whose connection broke off without saying goodbye", async () => {
    const cookie = await session();
    const [broken] = [await connect(cookie), await connect(cookie)];
    // The transport closes under the socket: no Socket.IO disconnect packet reaches the server.
    broken.io.engine.close();
    const again = await vi.waitFor(() => connect(cookie), { timeout: 5000, interval: 50 });
    expect(again.connected).toBe(true);
    expect((await refusal(cookie)).data).toEqual(dutch);
  });
});
