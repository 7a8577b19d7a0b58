import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import type { PurchaseOrderInput } from "@/server/records/purchase-orders";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { createInvoiceBasics } from "./support/records";
import { refusal } from "./support/refusal";

let db: Database;
let staff: SessionUser;
let basics: Awaited<ReturnType<typeof createInvoiceBasics>>;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createTestUser(db, "staff");
  basics = await createInvoiceBasics(callerFor(db, staff));
});

/** An order of mulch from the basics' vendor, changed as the test needs. */
function order(changes: Partial<PurchaseOrderInput> = {}): PurchaseOrderInput {
  return { vendorId: basics.vendor.id, txnDate: "2025-03-10", lines: [{ itemId: basics.mulch.id, quantity: 12, rate: "24" }], ...changes };
}

describe("purchase orders", () => {
  it("numbers orders from 1 after the highest numeric PO number, computes the total, and starts them open", async () => {
    const caller = callerFor(db, staff);
    const first = await caller.purchaseOrders.create(order({ expectedDate: "2025-03-17", memo: "Spring cleanup" }));
    expect(first).toMatchObject({
      number: "1",
      vendorName: basics.vendor.name,
      expectedDate: "2025-03-17",
      totalCents: 28800,
      state: "open",
      updatedBy: staff.id,
    });
    expect(first.lines).toEqual([
      expect.objectContaining({ itemName: basics.mulch.name, quantity: 12, amountCents: 28800, receivedQuantity: 0 }),
    ]);
    await caller.purchaseOrders.create(order({ number: "40" }));
    expect((await caller.purchaseOrders.create(order())).number).toBe("41");
  });

  it("refuses a PO number another order has, naming that order", async () => {
    const caller = callerFor(db, staff);
    await caller.purchaseOrders.create(order({ number: "PO-77" }));
    const refused = await refusal(caller.purchaseOrders.create(order({ number: "PO-77" })));
    expect(refused.fields.number).toContain(`purchase order to "${basics.vendor.name}" dated 2025-03-10`);
  });

  it("ships an order to a customer's job, and refuses to ship one to a vendor", async () => {
    const caller = callerFor(db, staff);
    const forJob = await caller.purchaseOrders.create(order({ shipToCustomerId: basics.customer.id }));
    expect(forJob).toMatchObject({ shipToCustomerId: basics.customer.id, shipToCustomerName: basics.customer.name });
    const refused = await refusal(caller.purchaseOrders.create(order({ shipToCustomerId: basics.vendor.id })));
    expect(refused.fields).toEqual({ shipToCustomerId: `"${basics.vendor.name}" is a vendor, not a customer. Choose a customer.` });
  });

  it("refuses an order to a customer, and one closed before it is saved", async () => {
    const caller = callerFor(db, staff);
    const toCustomer = await refusal(caller.purchaseOrders.create(order({ vendorId: basics.customer.id })));
    expect(toCustomer.fields).toEqual({ vendorId: `"${basics.customer.name}" is a customer, not a vendor. Choose a vendor.` });
    const closed = await refusal(caller.purchaseOrders.create(order({ closed: true })));
    expect(closed.fields.closed).toBe("A new purchase order starts open. Save it first, then close it.");
  });

  it("closes a saved order, and lists it with its state, searchable by vendor", async () => {
    const caller = callerFor(db, staff);
    const saved = await caller.purchaseOrders.create(order({ number: "C-1", memo: "Pavers for the patio" }));
    const closed = await caller.purchaseOrders.update({ id: saved.id, data: { ...order({ number: "C-1" }), closed: true } });
    expect(closed.state).toBe("closed");
    const page = await caller.purchaseOrders.list({ search: "C-1" });
    expect(page.rows).toEqual([expect.objectContaining({ number: "C-1", state: "closed", syncStatus: "not_yet" })]);
  });
});
