import "server-only";

import { db, migrateDatabase, type Database } from "@/db";
import { authSecret } from "@/server/auth/secret";
import { ensureAdminFromEnv } from "@/server/auth/users";
import { env } from "@/server/env";
import { databaseFault } from "@/server/health";
import { ensureQbwcCredentialsFromEnv } from "@/server/qbwc/credentials";

/**
 * Everything the database needs before the first request: migrations, the session secret, the env admin,
 * the env Web Connector credentials.
 */
export async function prepareDatabase(database: Database): Promise<void> {
  await migrateDatabase(database);
  await authSecret(database);
  const { ADMIN_EMAIL, ADMIN_PASSWORD, QBWC_USERNAME, QBWC_PASSWORD } = env();
  if (await ensureAdminFromEnv(database, ADMIN_EMAIL, ADMIN_PASSWORD)) {
    console.log(`Created the first admin ${ADMIN_EMAIL} from ADMIN_EMAIL/ADMIN_PASSWORD.`);
  }
  if (await ensureQbwcCredentialsFromEnv(database, QBWC_USERNAME, QBWC_PASSWORD)) {
    console.log(`Stored the Web Connector user ${QBWC_USERNAME} from QBWC_USERNAME/QBWC_PASSWORD.`);
  }
}

/** Set in the environment once start-up has run in this process (server/serve.ts), so instrumentation.ts skips it. */
export const STARTED_UP = "LEDGERBRIDGE_STARTED_UP";

/**
 * Runs at server start; a database that cannot be opened stops the process with one line saying why. `open` gives the
 * client to prepare (the process's shared one unless the caller keeps its own) and the prepared client is returned.
 */
export async function startUp(open: () => Database = db): Promise<Database> {
  let url = "(unset)";
  try {
    url = redact(env().DATABASE_URL);
    const database = open();
    await prepareDatabase(database);
    return database;
  } catch (error) {
    // One line, and never the failed statement's parameters: they can hold the session secret being stored.
    const why = databaseFault(error) ?? deepestMessage(error);
    console.error(`Ledgerbridge cannot start: DATABASE_URL=${url} could not be opened or migrated: ${why}`.replace(/\s*\n\s*/g, " "));
    process.exit(1);
  }
}

/** Hides credentials that a remote URL may carry. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@").replace(/([?&]authToken=)[^&]*/i, "$1***");
}

/** The innermost cause's message (the driver's own words), not a wrapper's that repeats the statement. */
function deepestMessage(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && current.cause instanceof Error && depth < 8; depth++) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
