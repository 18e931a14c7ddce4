/** Many session tokens validated with one lookup (every open browser reconnects after a restart). */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { sessions, users } from "../../../db/schema";
import { demoEmail, seedDemo } from "../../../db/seed/demo";
import {
  createSession,
  type SessionPolicy,
  validateSessionToken,
  validateSessionTokens,
} from "../../../server/auth/sessions";
import { useMigratedDatabase } from "../../helpers/database";

const ctx = useMigratedDatabase();
const minute = 60_000;
const policy: SessionPolicy = { idleMs: 120 * minute, absoluteMs: 12 * 60 * minute };
const start = new Date("2026-11-23T08:00:00Z");
const at = (minutes: number) => new Date(start.getTime() + minutes * minute);
const userIds = new Map<string, string>();

beforeAll(async () => {
  const db = ctx.database.db;
  await seedDemo(db, start);
  for (const key of ["politie", "wijkteam", "veiligthuis", "ervaringsdeskundige"]) {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(eq(users.email, demoEmail(key)));
    userIds.set(key, u.id);
  }
});

const userId = (key: string) => userIds.get(key) as string;
const lastActive = async (token: string) => {
  const [row] = await ctx.database.db
    .select({ at: sessions.lastActiveAt })
    .from(sessions)
    .where(eq(sessions.id, token.split(".")[0]));
  return row?.at;
};
const tampered = (token: string) => `${token.slice(0, -1)}${token.endsWith("a") ? "b" : "a"}`;

describe("validateSessionTokens", () => {
  it("answers each token in the order asked, for several users at once", async () => {
    const db = ctx.database.db;
    const politie = (await createSession(db, userId("politie"), at(0), true)).token;
    const wijkteam = (await createSession(db, userId("wijkteam"), at(0), false)).token;
    const results = await validateSessionTokens(
      db,
      [wijkteam, "nonsense", politie, undefined, tampered(politie), politie, `${"x".repeat(24)}.secret`],
      at(1),
      policy,
    );
    expect(results.map((r) => r.user?.id ?? null)).toEqual([
      userId("wijkteam"),
      null, // not a token
      userId("politie"),
      null, // no cookie
      null, // right id, wrong secret: refused while the real token is not
      userId("politie"), // asked twice, answered twice
      null, // no such session
    ]);
    expect(results[0].session?.secondFactorVerified).toBe(false);
    expect(results[2].session?.secondFactorVerified).toBe(true);
  });

  it("ends idle, too old and disabled users' sessions, and only those", async () => {
    const db = ctx.database.db;
    const idle = (await createSession(db, userId("veiligthuis"), at(0), true)).token;
    const old = (await createSession(db, userId("politie"), at(-13 * 60), true)).token;
    // Used recently, so only the absolute limit can end it.
    await db
      .update(sessions)
      .set({ lastActiveAt: at(-10) })
      .where(eq(sessions.id, old.split(".")[0]));
    const fresh = (await createSession(db, userId("wijkteam"), at(100), true)).token;
    const disabledUser = userId("ervaringsdeskundige");
    const disabled = (await createSession(db, disabledUser, at(100), true)).token;
    await db
      .update(users)
      .set({ disabledAt: at(101) })
      .where(eq(users.id, disabledUser));
    try {
      const results = await validateSessionTokens(db, [idle, old, fresh, disabled], at(121), policy);
      expect(results.map((r) => r.session !== null)).toEqual([false, false, true, false]);
      // Ended sessions are gone; a later lookup finds nothing either.
      expect(await lastActive(idle)).toBeUndefined();
      expect(await lastActive(old)).toBeUndefined();
      expect(await lastActive(disabled)).toBeUndefined();
      expect(await lastActive(fresh)).toBeDefined();
    } finally {
      await db.update(users).set({ disabledAt: null }).where(eq(users.id, disabledUser));
    }
  });

  it("does not end a session for a tampered copy of its token", async () => {
    const db = ctx.database.db;
    const token = (await createSession(db, userId("politie"), at(0), true)).token;
    const [result] = await validateSessionTokens(db, [tampered(token)], at(200), policy);
    expect(result.session).toBeNull();
    // Idle-expired, but only its holder's own token may end it.
    expect(await lastActive(token)).toEqual(at(0));
  });

  it("slides the expiry of the sessions in use once a minute has passed, and keeps them alive", async () => {
    const db = ctx.database.db;
    const a = (await createSession(db, userId("politie"), at(0), true)).token;
    const b = (await createSession(db, userId("wijkteam"), at(0), true)).token;
    const c = (await createSession(db, userId("veiligthuis"), at(0.5), true)).token;
    const results = await validateSessionTokens(db, [a, b, a, c], at(1), policy);
    expect(results.every((r) => r.session !== null)).toBe(true);
    expect(await lastActive(a)).toEqual(at(1));
    expect(await lastActive(b)).toEqual(at(1));
    expect(await lastActive(c)).toEqual(at(0.5)); // used less than a minute ago: not written
    expect(results[0].session?.lastActiveAt).toEqual(at(1));
    // 1:59 after the slide, still valid; without it, 2:00 after the start would have ended it.
    const [later] = await validateSessionTokens(db, [a], at(120), policy);
    expect(later.session).not.toBeNull();
  });

  it("agrees with validating the tokens one by one", async () => {
    const db = ctx.database.db;
    const tokens = [
      (await createSession(db, userId("politie"), at(0), true)).token,
      (await createSession(db, userId("wijkteam"), at(30), false)).token,
      "a.b",
      "",
    ];
    tokens.push(tampered(tokens[1]));
    const together = await validateSessionTokens(db, tokens, at(31), policy);
    // The batch above slid the expiry; one by one at the same moment gives the same answers.
    const alone = [];
    for (const t of tokens) alone.push(await validateSessionToken(db, t, at(31), policy));
    expect(together).toEqual(alone);
  });
});
