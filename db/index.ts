import "server-only";

import { mkdirSync } from "node:fs";
import path from "node:path";
import { createClient, type Client } from "@libsql/client";
import { drizzle, type LibSQLDatabase } from "drizzle-orm/libsql";
import { migrate } from "drizzle-orm/libsql/migrator";
import { env } from "@/server/env";
import * as schema from "./schema";

export type Database = LibSQLDatabase<typeof schema> & { $client: Client };
export type Transaction = Parameters<Parameters<Database["transaction"]>[0]>[0];
/** Either the database or an open transaction: services accept both so callers can compose them. */
export type Queryable = Database | Transaction;

export { schema };

const BUSY_TIMEOUT_MS = 10_000;
const MIGRATIONS_FOLDER = path.join(process.cwd(), "db", "migrations");

/** Opens a libSQL database: a local file (created with its folder) or a remote libsql:// / https:// server. */
export function openDatabase(url: string, authToken?: string): Database {
  if (url.startsWith("file:")) {
    const file = url.slice("file:".length);
    if (file && file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  }
  // A local file is shared by a small pool of connections; `timeout` is each connection's busy timeout,
  // so concurrent writers wait for the lock instead of failing with SQLITE_BUSY.
  const client = createClient({ url, authToken, timeout: BUSY_TIMEOUT_MS });
  return drizzle(client, { schema }) as Database;
}

/** Applies pending migrations; local files also get WAL so readers never wait for the writer. */
export async function migrateDatabase(db: Database): Promise<void> {
  if (db.$client.protocol === "file") {
    await db.$client.execute("PRAGMA journal_mode = WAL");
  }
  await db.$client.execute("PRAGMA foreign_keys = ON");
  await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

const globalForDb = globalThis as unknown as { ledgerbridgeDb?: Database };

/** The one database client of this process, cached on globalThis so dev reloads reuse it. */
export function db(): Database {
  if (!globalForDb.ledgerbridgeDb) {
    const { DATABASE_URL, DATABASE_AUTH_TOKEN } = env();
    globalForDb.ledgerbridgeDb = openDatabase(DATABASE_URL, DATABASE_AUTH_TOKEN);
  }
  return globalForDb.ledgerbridgeDb;
}
