import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";

let db: Database;
let staff: SessionUser;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createTestUser(db, "staff");
});

describe("customers and vendors", () => {
  it("saves a customer and stamps who changed it and when", async () => {
    const before = Date.now();
    const saved = await callerFor(db, staff).customers.create({ name: "Harbor Dental", email: "office@harbor.test" });
    expect(saved).toMatchObject({ kind: "customer", name: "Harbor Dental", email: "office@harbor.test", updatedBy: staff.id });
    expect(saved.updatedAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it("refuses a vendor whose name a customer already uses, whatever the case, naming that customer", async () => {
    const caller = callerFor(db, staff);
    await caller.customers.create({ name: "Lakeside Plumbing" });
    await expect(caller.vendors.create({ name: "LAKESIDE plumbing" })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining('customer "Lakeside Plumbing"'),
    });
  });

  it("refuses a name longer than QuickBooks' 41 characters with the field and the limit", async () => {
    const error = await callerFor(db, staff)
      .customers.create({ name: "A".repeat(42) })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "BAD_REQUEST" });
    expect(JSON.stringify((error as { cause?: unknown }).cause)).toContain("at most 41 characters");
  });

  it("finds customers by a search term, one page at a time, sorted by name", async () => {
    const caller = callerFor(db, staff);
    for (const name of ["Zephyr Cafe", "Alpine Cafe", "Mesa Cafe"]) await caller.customers.create({ name });
    const page = await caller.customers.list({ search: "cafe", pageSize: 2, sort: "name", direction: "asc" });
    expect(page.total).toBe(3);
    expect(page.rows.map((row) => row.name)).toEqual(["Alpine Cafe", "Mesa Cafe"]);
  });

  it("lets a customer keep its own name when other fields change", async () => {
    const caller = callerFor(db, staff);
    const saved = await caller.customers.create({ name: "Oak Street Bakery" });
    const updated = await caller.customers.update({ id: saved.id, data: { name: "oak street bakery", phone: "555-0100" } });
    expect(updated).toMatchObject({ name: "oak street bakery", phone: "555-0100" });
  });

  it("asks for a session before listing anything", async () => {
    await expect(callerFor(db, null).customers.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
