/** Accounts that the demo data does not have, written straight into the test database. */
import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { demoEmail } from "../../db/seed/demo";

/**
 * An account of the demo region without an organisation or a role in the region: someone who may
 * be made an ervaringsdeskundige. Signs in as a demo account does (`server.loginAs(key)`, the demo
 * password, no second step in demo mode). Answers its id.
 */
export async function accountWithoutOrganisation(db: Db, key: string, name: string): Promise<string> {
  const [demo] = await db
    .select({ region: users.region, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, demoEmail("ervaringsdeskundige")));
  if (!demo) throw new Error("the demo data is not seeded");
  const [created] = await db
    .insert(users)
    .values({
      email: demoEmail(key),
      name,
      region: demo.region,
      passwordHash: demo.passwordHash,
      isDemo: true,
    })
    .returning({ id: users.id });
  return created.id;
}
