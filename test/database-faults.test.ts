import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase } from "@/db";
import { prepareDatabase } from "@/server/bootstrap";
import { checkDatabase } from "@/server/health";
import { callerFor, createTestUser } from "./support/callers";

// A database whose disk stops taking writes while the app runs: every write says so in a sentence an admin can act on,
// and the health check reports it. Made unwritable with the immutable flag, which holds even for root (these machines
// run the tests as root, for whom a read-only mode bit changes nothing).
const asRoot = process.getuid?.() === 0;
let frozen: string[] = [];

afterEach(() => {
  for (const file of frozen) execFileSync("chattr", ["-i", file]);
  frozen = [];
});

function freeze(dbFile: string) {
  // Not the -shm file: SQLite maps it into memory, and a mapping that cannot be written stops the process.
  for (const file of [dbFile, `${dbFile}-wal`]) {
    if (!existsSync(file)) continue;
    execFileSync("chattr", ["+i", file]);
    frozen.push(file);
  }
}

describe.skipIf(!asRoot)("a database that can no longer be written", () => {
  it("answers a write with what failed and what to do, and /api/health's check reports it", async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "ledgerbridge-fault-")), "app.db");
    const db = openDatabase(`file:${file}`);
    await prepareDatabase(db);
    const caller = callerFor(db, await createTestUser(db, "admin"));
    await caller.customers.create({ name: "Harbor Light Bakery" });
    expect(await checkDatabase(db)).toEqual({ ok: true });

    freeze(file);
    await expect(caller.customers.create({ name: "Elm Street Deli" })).rejects.toThrow(
      /^The database (could not write to its file: the disk reported an I\/O error|refused the write: its file is read-only)/,
    );
    const health = await checkDatabase(db);
    expect(health.ok).toBe(false);
    expect(health.ok ? "" : health.reason).toMatch(/^The database (could not write to its file|refused the write)/);
    // Reading still works: the office can look at its records meanwhile.
    expect((await caller.customers.list({})).rows.map((row) => row.name)).toEqual(["Harbor Light Bakery"]);
  });
});
