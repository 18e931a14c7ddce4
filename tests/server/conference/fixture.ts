/** The demo case, its scheduled conference and the ids of the demo accounts, for conference tests. */
import type { HttpClient, TestServer } from "../../helpers/server";

export const roleKeys = [
  "voorzitter",
  "wijkteam",
  "veiligthuis",
  "politie",
  "ervaringsdeskundige",
  "coordinator",
  "buitenstaander",
] as const;
export type RoleKey = (typeof roleKeys)[number];

/** Logged-in HTTP clients and user ids per demo key, the demo case and its conference. */
export interface DemoConference {
  caseId: string;
  conferenceId: string;
  clients: Record<RoleKey, HttpClient>;
  ids: Record<RoleKey, string>;
}

export async function demoConference(server: TestServer): Promise<DemoConference> {
  const clients = {} as Record<RoleKey, HttpClient>;
  const ids = {} as Record<RoleKey, string>;
  await Promise.all(
    roleKeys.map(async (key) => {
      clients[key] = await server.loginAs(key);
      ids[key] = (await clients[key].get("/api/me")).json.id;
    }),
  );
  const list = await clients.voorzitter.get("/api/cases");
  const caseId = list.json.cases.find((c: { reference: string }) => c.reference === "MDA-DEMO-001").id;
  const conferences = await clients.voorzitter.get(`/api/cases/${caseId}/conferences`);
  if (conferences.status !== 200) throw new Error(`conferences: ${conferences.status}`);
  return { caseId, conferenceId: conferences.json.conferences[0].id, clients, ids };
}
