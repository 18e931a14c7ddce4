/**
 * `npm run create-admin -- <e-mail> "<name>" <region>`: the first administrator of a new installation
 * (in production there are no demo accounts). Prints a one-time start password; at the first login
 * the administrator enrols a second factor and must choose their own password before anything else.
 * Uses the same DATABASE_URL / DATA_DIR as the server and applies the migrations first.
 */
import { resolve } from "node:path";
import { openDatabase } from "../db/client";
import { migrate } from "../db/migrate";
import { users } from "../db/schema";
import { writeAudit } from "./audit/log";
import { hashPassword } from "./auth/passwords";
import { generateSecureRandomString } from "./auth/sessions";
import { holdDataDir } from "./data-lock";
import { loadEnv } from "./env";

const usage = 'Gebruik: npm run create-admin -- <e-mailadres> "<naam>" <regio>';

async function createAdmin(args: string[]): Promise<number> {
  const [email, name, region] = args;
  if (!email || !name || !region || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const env = loadEnv();
  // On the embedded database, not while the server has it open (stop the server first).
  if (!env.DATABASE_URL) holdDataDir(resolve(env.DATA_DIR));
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : resolve(env.DATA_DIR),
  });
  try {
    await migrate(database);
    const startPassword = `${generateSecureRandomString().slice(0, 8)}-${generateSecureRandomString().slice(0, 8)}`;
    const passwordHash = await hashPassword(startPassword);
    // The account and its audit entry together (no actor: the installation made it).
    const created = await database.db.transaction(async (tx) => {
      const [row] = await tx
        .insert(users)
        .values({
          email: email.toLowerCase(),
          name,
          region,
          globalRole: "admin",
          passwordHash,
          mustChangePassword: true,
        })
        .onConflictDoNothing({ target: users.email })
        .returning({ id: users.id });
      if (row) {
        await writeAudit(
          tx,
          null,
          {
            action: "create",
            objectType: "user",
            objectId: row.id,
            outcome: "success",
            details: { globalRole: "admin", via: "create-admin" },
          },
          new Date(),
        );
      }
      return row;
    });
    if (!created) {
      process.stderr.write(`Er bestaat al een account met het e-mailadres ${email}.\n`);
      return 1;
    }
    process.stdout.write(
      `Beheerder aangemaakt voor regio ${region}.\n` +
        `Eenmalig startwachtwoord: ${startPassword}\n` +
        "Geef het veilig door; bij de eerste keer inloggen koppelt de beheerder een authenticator-app en kiest een eigen wachtwoord.\n",
    );
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await createAdmin(process.argv.slice(2));
