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
import { hashPassword } from "./auth/passwords";
import { generateSecureRandomString } from "./auth/sessions";
import { loadEnv } from "./env";

const usage = 'Gebruik: npm run create-admin -- <e-mailadres> "<naam>" <regio>';

async function createAdmin(args: string[]): Promise<number> {
  const [email, name, region] = args;
  if (!email || !name || !region || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) {
    process.stderr.write(`${usage}\n`);
    return 2;
  }
  const env = loadEnv();
  const database = await openDatabase({
    url: env.DATABASE_URL,
    dataDir: env.DATABASE_URL ? undefined : resolve(env.DATA_DIR),
  });
  try {
    await migrate(database);
    const startPassword = `${generateSecureRandomString().slice(0, 8)}-${generateSecureRandomString().slice(0, 8)}`;
    const [created] = await database.db
      .insert(users)
      .values({
        email: email.toLowerCase(),
        name,
        region,
        globalRole: "admin",
        passwordHash: await hashPassword(startPassword),
        mustChangePassword: true,
      })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
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
