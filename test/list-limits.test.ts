import { sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { qbwcSessions } from "@/db/schema";
import { callerFor, freshDatabaseWithAdmin } from "./support/callers";

let db: Database;
let caller: ReturnType<typeof callerFor>;

beforeEach(async () => {
  ({ db, caller } = await freshDatabaseWithAdmin());
});

/** What the runs have read of QuickBooks, `count` records of a type, written in one statement. */
async function readInQuickBooks(type: "customer" | "vendor" | "item", count: number, from = 1) {
  await db.run(sql`with recursive n(i) as (select cast(${from} as integer) union all select i + 1 from n where i < ${from + count - 1})
    insert into quickbooks_records (entity_type, qb_id, match_key, taken_key, label, fields, seen_at)
    select ${type}, ${type} || '-' || i, ${type} || i, ${type} || i, 'Record ' || i, '{}', 0 from n`);
}

/** Export Adds of a type waiting in the Sync Wizard (or approved and not sent yet), in one statement. */
async function adds(type: "customer" | "vendor" | "item", count: number, state: "candidate" | "pending" = "candidate") {
  await db.run(sql`with recursive n(i) as (select 1 union all select i + 1 from n where i < cast(${count} as integer))
    insert into sync_items (direction, entity_type, record_key, action, state, local_id, label, fingerprint, created_at, updated_at)
    select 'export', ${type}, 'local:' || ${state} || i, 'add', ${state}, i, 'Record ' || i, 'f', 0, 0 from n`);
}

async function connectedTo(productName: string) {
  const at = new Date();
  await db
    .insert(qbwcSessions)
    .values({ username: "office-pc", status: "completed", startedAt: at, lastCallAt: at, endedAt: at, productName });
}

async function names() {
  return (await caller.sync.listLimits()).lists.find((list) => list.list === "names")!;
}

describe("QuickBooks list limits", () => {
  it("warns when approving the waiting customers would pass Pro and Premier's name limit, and suggests proxies", async () => {
    await readInQuickBooks("customer", 12_000);
    await readInQuickBooks("vendor", 1_200);
    await adds("customer", 1_500);
    const limit = await names();
    expect(limit).toMatchObject({ cap: 14_500, inQuickBooks: 13_200, approved: 0, candidates: { customer: 1_500 } });
    expect(limit.warning).toMatch(/^QuickBooks holds 13,200 of its 14,500 names; approving these 1,500 customers would pass the limit\. /);
    expect(limit.warning).toMatch(/as a proxy/);
    expect(limit.warning).toMatch(/Pro or Premier's limit is assumed/);
    const items = (await caller.sync.listLimits()).lists.find((list) => list.list === "items")!;
    expect(items.warning).toBeNull();
  });

  it("warns from 90% of the cap, counting approved Adds, and says nothing well below it", async () => {
    await readInQuickBooks("customer", 12_000);
    expect((await names()).warning).toBeNull();
    await adds("vendor", 1_100, "pending");
    await connectedTo("QuickBooks Premier Contractor 2024");
    const limit = await names();
    expect(limit.warning).toBe(
      'QuickBooks holds 12,000 of its 14,500 names, with 1,100 more approved to be added; the list is nearly full. Send one-off customers to QuickBooks as a proxy (one "Web Customer" standing for many) so they take no name of their own; employees and other names count too, and Ledgerbridge does not read them.',
    );
  });

  it("counts a record both linked and read once", async () => {
    await readInQuickBooks("customer", 3);
    await db.run(sql`insert into sync_links (entity_type, local_id, qb_id, local_fingerprint, remote_fingerprint, synced_at)
      values ('customer', 1, 'customer-1', 'a', 'b', 0), ('customer', 2, 'customer-99', 'a', 'b', 0)`);
    expect((await names()).inQuickBooks).toBe(4);
  });

  it("uses Enterprise's far larger lists when QuickBooks says it is Enterprise", async () => {
    await readInQuickBooks("customer", 13_200);
    await adds("customer", 1_500);
    await connectedTo("QuickBooks Enterprise Solutions: Contractor 24.0");
    const limits = await caller.sync.listLimits();
    expect(limits.edition).toBe("enterprise");
    expect(limits.lists.every((list) => list.warning === null)).toBe(true);
  });
});
