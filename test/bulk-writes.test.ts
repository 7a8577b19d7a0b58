import { asc, eq, inArray } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { insertRows, updateRows } from "@/db/bulk";
import { syncItems, syncLinks } from "@/db/schema";
import { createTestDatabase } from "./support/database";

let db: Database;
const created = new Date("2026-03-04T10:11:12.345Z");

beforeEach(async () => {
  db = await createTestDatabase();
});

function item(index: number) {
  return {
    direction: "export" as const,
    entityType: "customer" as const,
    recordKey: `local:${index}`,
    action: "add" as const,
    state: "pending" as const,
    localId: index,
    label: `Customer ${index}`,
    diff: JSON.stringify([{ field: "name", before: null, after: `Customer ${index}` }]),
    fingerprint: `print-${index}`,
    lookupFirst: index % 2 === 0,
    createdAt: created,
    updatedAt: created,
  };
}

describe("rows written many to a statement", () => {
  it("stores each value as drizzle would: dates, booleans, nulls, quotes and text that looks like a number", async () => {
    await insertRows(db, syncItems, [
      item(1),
      { ...item(2), label: `O'Brien "Landscaping" & Sons`, statusCode: "0100", remoteEditSequence: null },
    ]);
    const rows = await db.select().from(syncItems).orderBy(asc(syncItems.id));
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ label: "Customer 1", lookupFirst: false, createdAt: created, statusCode: null, readName: false });
    expect(rows[1]).toMatchObject({
      label: `O'Brien "Landscaping" & Sons`,
      lookupFirst: true,
      statusCode: "0100",
      remoteEditSequence: null,
    });
    expect(JSON.parse(rows[1]!.diff)).toEqual([{ field: "name", before: null, after: "Customer 2" }]);
  });

  it("gives each row its own changes, leaves the columns a row does not name, and sets null when a row says null", async () => {
    await insertRows(
      db,
      syncItems,
      [1, 2, 3].map((index) => ({ ...item(index), statusMessage: "before" })),
    );
    const [first, second, third] = (await db.select().from(syncItems).orderBy(asc(syncItems.id))).map((row) => row.id);
    const later = new Date("2026-03-05T00:00:00.000Z");
    const moved = await updateRows(
      db,
      syncItems,
      new Map([
        [first!, { qbId: "80000001-1", statusMessage: null }],
        [second!, { lookupFirst: true }],
      ]),
      { state: "succeeded", updatedAt: later },
      eq(syncItems.state, "pending"),
    );
    expect(moved.sort()).toEqual([first, second].sort());
    const rows = await db.select().from(syncItems).orderBy(asc(syncItems.id));
    expect(rows[0]).toMatchObject({ state: "succeeded", qbId: "80000001-1", statusMessage: null, updatedAt: later, lookupFirst: false });
    expect(rows[1]).toMatchObject({ state: "succeeded", qbId: null, statusMessage: "before", lookupFirst: true });
    expect(rows[2]).toMatchObject({ id: third, state: "pending", statusMessage: "before", updatedAt: created });
  });

  it("changes only the rows the condition still holds for, and says which", async () => {
    await insertRows(db, syncItems, [item(1), { ...item(2), state: "candidate" as const }]);
    const ids = (await db.select({ id: syncItems.id }).from(syncItems).orderBy(asc(syncItems.id))).map((row) => row.id);
    const moved = await updateRows(
      db,
      syncItems,
      new Map(ids.map((id) => [id, { label: `Renamed ${id}` }])),
      { state: "in_flight" },
      eq(syncItems.state, "pending"),
    );
    expect(moved).toEqual([ids[0]]);
    const rows = await db.select().from(syncItems).where(inArray(syncItems.id, ids)).orderBy(asc(syncItems.id));
    expect(rows.map((row) => [row.state, row.label])).toEqual([
      ["in_flight", `Renamed ${ids[0]}`],
      ["candidate", "Customer 2"],
    ]);
  });

  it("writes five hundred links in one statement", async () => {
    const links = Array.from({ length: 500 }, (_, index) => ({
      entityType: "customer" as const,
      localId: index + 1,
      qbId: `8000${index}-1`,
      editSequence: String(1700000000 + index),
      localFingerprint: "local",
      remoteFingerprint: "remote",
      fields: JSON.stringify({ name: `Customer ${index}`, balance: 12.5 }),
      syncedAt: created,
    }));
    await insertRows(db, syncLinks, links);
    const stored = await db.select().from(syncLinks).orderBy(asc(syncLinks.localId));
    expect(stored).toHaveLength(500);
    expect(stored[499]).toMatchObject({ localId: 500, qbId: "8000499-1", editSequence: "1700000499", syncedAt: created });
    expect(JSON.parse(stored[0]!.fields)).toEqual({ name: "Customer 0", balance: 12.5 });
  });
});
