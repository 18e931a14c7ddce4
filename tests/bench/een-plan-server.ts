/**
 * The Eén Plan server as the benchmark runs it: a child process on a fresh database with the demo
 * data plus enough extra cases for `BENCH_DOCS` documents the demo case director may edit, and per
 * case `BENCH_PARTICIPANTS` participants of their own, each signed in once (one session, as one
 * browser), for the scenarios that want many users.
 * Prints one line `READY {json}`; answers `mem` on stdin with its memory after a full GC.
 */
import { createInterface } from "node:readline";
import { eq, like } from "drizzle-orm";
import { openDatabase } from "../../db/client";
import { caseMembers, cases, users } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";
import { createSession } from "../../server/auth/sessions";
import { createCollabAttach } from "../../server/collab/endpoint";
import { attachConference } from "../../server/conference";
import { createLogger } from "../../server/logger";
import { startServer } from "../../server/server";
import { parseSectionDocName, planTemplate } from "../../shared/plan";

const docsWanted = Number(process.env.BENCH_DOCS ?? "500");
const database = await openDatabase({
  url: process.env.BENCH_DATABASE_URL,
  dataDir: process.env.BENCH_DATA_DIR,
});
const server = await startServer({
  database,
  logger: createLogger("warn"),
  port: Number(process.env.BENCH_PORT ?? "0"),
  host: "127.0.0.1",
  seedDemo: true,
  // Production defaults but a 5 s unload grace, so the memory scenario need not wait 30 s.
  attachments: [attachConference, createCollabAttach({ unloadGraceMs: 5_000 })],
  config: {
    session: { idleMs: 12 * 3_600_000, absoluteMs: 24 * 3_600_000 },
    demo: true,
    secureCookies: false,
    maxBodyBytes: 1024 * 1024,
    // The scenarios open hundreds of connections with one session (200 clients, 500 sections × 3).
    maxConnectionsPerSession: 100_000,
    maxSocketsPerSession: 100_000,
  },
});

// Sections the case director may edit: every one but the explicit-list section.
const editable = planTemplate.filter((s) => s.read !== "explicit").map((s) => s.key);
const db = database.db;
const [director] = await db
  .select({ id: users.id })
  .from(users)
  .where(eq(users.email, demoEmail("wijkteam")));
const existing = await db.select({ id: cases.id, reference: cases.reference }).from(cases);
const caseIds = existing.map((c) => c.id);
const needed = Math.ceil(docsWanted / editable.length) - caseIds.length;
for (let i = 0; i < needed; i++) {
  const [row] = await db
    .insert(cases)
    .values({
      reference: `BENCH-${i}`,
      title: `Benchmark ${i}`,
      region: "IJsselland",
      categories: ["overig"],
    })
    .onConflictDoNothing()
    .returning({ id: cases.id });
  if (!row) continue;
  await db.insert(caseMembers).values({ caseId: row.id, userId: director.id, role: "caseDirector" });
  caseIds.push(row.id);
}
const docs: string[] = [];
for (const id of caseIds) for (const key of editable) docs.push(`case:${id}:${key}`);
const used = docs.slice(0, docsWanted);

// Participants: professionals of each case in use, one session each. Only a fresh database gets
// them (a restarted server keeps its sessions; their tokens are in the first READY line).
const participantsPerCase = Number(process.env.BENCH_PARTICIPANTS ?? "3");
const sessionCookies: Record<string, string[]> = {};
const [anyParticipant] = await db
  .select({ id: users.id })
  .from(users)
  .where(like(users.email, "bench-%"))
  .limit(1);
if (!anyParticipant) {
  const usedCases = [...new Set(used.flatMap((d) => parseSectionDocName(d)?.caseId ?? []))];
  for (const [c, caseId] of usedCases.entries()) {
    const cookies: string[] = [];
    for (let p = 0; p < participantsPerCase; p++) {
      const [user] = await db
        .insert(users)
        .values({ email: `bench-${c}-${p}@bench.invalid`, name: `Deelnemer ${c}-${p}`, region: "IJsselland" })
        .returning({ id: users.id });
      await db.insert(caseMembers).values({ caseId, userId: user.id, role: "professional" });
      const { token } = await createSession(db, user.id, new Date(), true);
      cookies.push(`session=${token}`);
    }
    sessionCookies[caseId] = cookies;
  }
}

process.stdout.write(
  `READY ${JSON.stringify({ url: server.url, docs: used, sessionCookies, pid: process.pid })}\n`,
);

const rl = createInterface({ input: process.stdin });
rl.on("line", (line) => {
  if (line.trim() === "mem") {
    (globalThis as { gc?: () => void }).gc?.();
    const m = process.memoryUsage();
    process.stdout.write(`MEM ${JSON.stringify({ rss: m.rss, heapUsed: m.heapUsed })}\n`);
  }
});
const stop = () => server.close().then(() => process.exit(0));
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
