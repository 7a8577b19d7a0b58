import type { Database } from "@/db";

export type HealthReport = { ok: true } | { ok: false; reason: string };

/** The app is healthy when the database answers a query and takes a write (a read-only or failing disk is not healthy). */
export async function checkDatabase(db: Database): Promise<HealthReport> {
  try {
    await db.$client.execute("SELECT 1");
  } catch (error) {
    return { ok: false, reason: `The database did not answer: ${describeCause(error)}` };
  }
  try {
    await db.$client.execute({
      sql: "INSERT INTO app_settings (key, value, updated_at) VALUES ('health.probe', ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      args: [JSON.stringify(new Date().toISOString()), Date.now()],
    });
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: databaseFault(error) ?? `The database cannot be written: ${describeCause(error)}` };
  }
}

// SQLite's result codes for a database that cannot take a write, in words an admin can act on.
const FAULTS: Record<string, string> = {
  SQLITE_READONLY:
    "The database refused the write: its file is read-only (check the permissions of the file and its folder, and that the disk is mounted for writing). Nothing was saved.",
  SQLITE_IOERR:
    "The database could not write to its file: the disk reported an I/O error. Nothing was saved; an admin should check the disk.",
  SQLITE_FULL: "The database could not save: the disk is full. Nothing was saved; an admin should free some space.",
  SQLITE_CANTOPEN: "The database file could not be opened: it was moved, or its folder cannot be reached. Nothing was saved.",
  SQLITE_CORRUPT: "The database file is damaged. Nothing was saved; an admin should restore it from a backup.",
  SQLITE_BUSY: "The database was busy with another write for too long. Nothing was saved; try again in a moment.",
};

/** The sentence for a database fault anywhere in an error's causes (a driver error carries SQLite's code), or null. */
export function databaseFault(error: unknown): string | null {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 8; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code !== "string") continue;
    const family = Object.keys(FAULTS).find((known) => code === known || code.startsWith(`${known}_`));
    if (family) return FAULTS[family]!;
  }
  return null;
}

export function describeCause(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error && cause.message !== error.message ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}
