import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { openDatabase, type Database } from "@/db";
import { prepareDatabase } from "@/server/bootstrap";

/** A fresh, migrated libSQL file in its own temporary folder (never :memory:, which loses tables across transactions). */
export async function createTestDatabase(): Promise<Database> {
  const folder = mkdtempSync(path.join(tmpdir(), "ledgerbridge-test-"));
  const database = openDatabase(`file:${path.join(folder, "test.db")}`);
  await prepareDatabase(database);
  return database;
}
