import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { checkDatabase } from "@/server/health";
import { readLiveVersion, sharedLiveVersion } from "@/server/live/version";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, freshDatabaseWithAdmin } from "./support/callers";
import { firstImport } from "./support/sync-driver";

let db: Database;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  ({ db, caller } = await freshDatabaseWithAdmin());
});

/** Runs `change` and says whether the live version moved because of it. */
async function moves(change: () => Promise<unknown>): Promise<boolean> {
  const before = await readLiveVersion(db);
  await change();
  return (await readLiveVersion(db)) > before;
}

describe("the live version open pages poll", () => {
  it("moves with every change a page shows: a record, a candidate, an approval, a setting", async () => {
    await firstImport(db, caller, new SimulatedCompany({ starterLists: false }));
    expect(await moves(() => caller.customers.create({ name: "Harbor View Dental" }))).toBe(true);
    expect(await moves(() => caller.sync.discoverLocal())).toBe(true);
    expect(await caller.sync.badgeCount()).toBe(1);
    expect(await moves(() => caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" }))).toBe(true);
    expect(await caller.sync.badgeCount()).toBe(0);
    expect(await moves(() => caller.settings.qbwc.pause({ reason: "Year-end close" }))).toBe(true);
  });

  it("moves when another connection writes, as another instance on the same database would", async () => {
    const before = await readLiveVersion(db);
    await db.$client.execute("UPDATE contacts SET phone = '555-0100'");
    expect(await readLiveVersion(db)).toBe(before);
    await db.$client.execute("INSERT INTO contacts (kind, name, name_key) VALUES ('customer', 'Oak Hill Farm', 'oak hill farm')");
    expect(await readLiveVersion(db)).toBe(before + 1);
  });

  it("stays put for a health check, which writes but changes nothing anyone sees", async () => {
    expect(await moves(() => checkDatabase(db))).toBe(false);
  });

  it("stays put when a change is rolled back", async () => {
    const before = await readLiveVersion(db);
    await expect(
      db.transaction(async (tx) => {
        await tx.run(sql`INSERT INTO contacts (kind, name, name_key) VALUES ('customer', 'Gone', 'gone')`);
        throw new Error("changed my mind");
      }),
    ).rejects.toThrow("changed my mind");
    expect(await readLiveVersion(db)).toBe(before);
  });
});

describe("the tables that move the live version", () => {
  // Written only beside a row that moves it (an invoice's lines, a payment's applications), or never shown on a page.
  const QUIET_TABLES = [
    "invoice_lines",
    "purchase_order_lines",
    "bill_lines",
    "bill_payment_applications",
    "sales_tax_group_items",
    "payment_applications",
    "login_throttle",
    "qbwc_auth_failures",
    "quickbooks_records",
    "sync_checkpoints",
    "live_version",
  ];
  // Rows are only ever added to these: an insert is the one change to watch.
  const APPEND_ONLY_TABLES = ["sync_attempts", "sync_audit"];

  it("are every table but the quiet ones, on insert, update and delete (append-only ones on insert), so a new table is not forgotten", async () => {
    const { rows: tables } = await db.$client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__drizzle%'",
    );
    const { rows: triggers } = await db.$client.execute(
      "SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%live_version%'",
    );
    const bumpedOn = (table: string, event: string) =>
      triggers.some((trigger) => trigger.tbl_name === table && String(trigger.sql).includes(`AFTER ${event} ON`));
    const unwatched = tables
      .map((table) => String(table.name))
      .filter((table) => {
        const events = APPEND_ONLY_TABLES.includes(table) ? ["INSERT"] : ["INSERT", "UPDATE", "DELETE"];
        return !events.every((event) => bumpedOn(table, event));
      });
    expect(unwatched.sort()).toEqual([...QUIET_TABLES].sort());
  });
});

describe("sharing the live version among the pages polling one server", () => {
  it("reads the database once for many pages asking at the same moment, and again once the answer is old", async () => {
    let reads = 0;
    let clock = 0;
    const current = sharedLiveVersion(
      async () => {
        reads += 1;
        return reads * 10;
      },
      250,
      () => clock,
    );
    expect(await Promise.all(Array.from({ length: 200 }, () => current()))).toEqual(Array(200).fill(10));
    expect(reads).toBe(1);
    clock = 249;
    expect(await current()).toBe(10);
    clock = 250;
    expect(await current()).toBe(20);
    expect(reads).toBe(2);
  });

  it("asks again after a failed read instead of keeping the failure", async () => {
    let fail = true;
    const current = sharedLiveVersion(async () => {
      if (fail) throw new Error("database unavailable");
      return 7;
    }, 250);
    await expect(current()).rejects.toThrow("database unavailable");
    fail = false;
    expect(await current()).toBe(7);
  });
});
