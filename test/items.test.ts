import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { refusal } from "./support/refusal";

let db: Database;
let staff: SessionUser;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createTestUser(db, "staff");
});

describe("items", () => {
  it("saves a service item with its price in cents and stamps who changed it", async () => {
    const saved = await callerFor(db, staff).items.create({
      kind: "service",
      name: "Hedge Trimming",
      description: "Shape and trim hedges up to 8 ft",
      salesPrice: "1,250.5",
      incomeAccount: "Income:Landscaping",
      taxable: false,
    });
    expect(saved).toMatchObject({
      kind: "service",
      name: "Hedge Trimming",
      salesPriceCents: 125050,
      incomeAccount: "Income:Landscaping",
      active: true,
      updatedBy: staff.id,
    });
  });

  it("refuses an item whose name another item uses, whatever the case or kind, naming that item", async () => {
    const caller = callerFor(db, staff);
    await caller.items.create({ kind: "service", name: "Irrigation Repair", incomeAccount: "Service Income" });
    const refused = await refusal(
      caller.items.create({ kind: "non_inventory", name: "IRRIGATION repair", incomeAccount: "Materials Income" }),
    );
    expect(refused).toMatchObject({ code: "CONFLICT", fields: { name: expect.stringContaining('item "Irrigation Repair"') } });
  });

  it("refuses a name over QuickBooks' 31 characters and an item without an income account", async () => {
    const refused = await refusal(
      callerFor(db, staff).items.create({ kind: "service", name: "Seasonal Landscape Maintenance Plan", incomeAccount: "" }),
    );
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.fields).toEqual({
      name: "The name can be at most 31 characters (QuickBooks' limit).",
      incomeAccount: "Enter the income account.",
    });
  });

  it("refuses a price that is not an amount, saying which field", async () => {
    const refused = await refusal(
      callerFor(db, staff).items.create({ kind: "service", name: "Leaf Removal", salesPrice: "about 40", incomeAccount: "Service Income" }),
    );
    expect(refused.fields).toEqual({ salesPrice: "Enter the sales price as an amount such as 125.50." });
  });

  it("lets an item keep its own name when its price changes, and clears a blank price", async () => {
    const caller = callerFor(db, staff);
    const saved = await caller.items.create({ kind: "service", name: "Aeration", salesPrice: 80, incomeAccount: "Service Income" });
    const updated = await caller.items.update({
      id: saved.id,
      data: { kind: "service", name: "aeration", salesPrice: "", incomeAccount: "Service Income" },
    });
    expect(updated).toMatchObject({ id: saved.id, name: "aeration", salesPriceCents: null });
    expect(updated.updatedAt.getTime()).toBeGreaterThanOrEqual(saved.updatedAt.getTime());
  });

  it("finds items by name or description and sorts them by price", async () => {
    const caller = callerFor(db, staff);
    for (const [name, price] of [
      ["Mulch Delivery", "60"],
      ["Bark Mulch", "38.5"],
      ["Mulch Spreading", "95"],
    ] as const) {
      await caller.items.create({ kind: "non_inventory", name, salesPrice: price, incomeAccount: "Materials Income" });
    }
    const page = await caller.items.list({ search: "mulch", sort: "salesPrice", direction: "desc" });
    expect(page.total).toBe(3);
    expect(page.rows.map((row) => row.name)).toEqual(["Mulch Spreading", "Mulch Delivery", "Bark Mulch"]);
  });

  it("asks for a session before saving an item", async () => {
    await expect(
      callerFor(db, null).items.create({ kind: "service", name: "Snow Plowing", incomeAccount: "Service Income" }),
    ).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
