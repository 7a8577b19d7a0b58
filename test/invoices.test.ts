import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import type { InvoiceInput } from "@/server/records/invoices";
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

/** An invoice for the basics' customer with one mowing line, changed as the test needs. */
function invoice(changes: Partial<InvoiceInput> = {}): InvoiceInput {
  return {
    customerId: basics.customer.id,
    txnDate: "2025-03-10",
    lines: [{ itemId: basics.mowing.id, quantity: 1, rate: "45" }],
    ...changes,
  };
}

describe("invoices", () => {
  it("computes each line's amount (rounded to the cent) and the total on the server, whatever amounts are sent", async () => {
    const lines = [
      { itemId: basics.mowing.id, quantity: 2.5, rate: "40.00", amountCents: 1 },
      { itemId: basics.mulch.id, description: "Dark brown, 1.5 yards", quantity: "1.5", rate: "38.33", amountCents: 1 },
    ];
    const saved = await callerFor(db, staff).invoices.create(invoice({ lines, status: "final" }));
    expect(saved.lines).toMatchObject([
      { position: 1, itemName: basics.mowing.name, quantity: 2.5, rateCents: 4000, amountCents: 10000 },
      { position: 2, itemName: basics.mulch.name, description: "Dark brown, 1.5 yards", amountCents: 5750 },
    ]);
    expect(saved).toMatchObject({
      customerName: basics.customer.name,
      status: "final",
      totalCents: 15750,
      paidCents: 0,
      balanceCents: 15750,
      updatedBy: staff.id,
    });
  });

  it("numbers a new invoice after the highest numeric number, starting at 1001", async () => {
    const database = await createTestDatabase();
    const caller = callerFor(database, staff);
    const own = await createInvoiceBasics(caller);
    const lines = [{ itemId: own.mowing.id, quantity: 1, rate: 45 }];
    const first = await caller.invoices.create({ customerId: own.customer.id, txnDate: "2025-03-01", lines });
    expect(first.number).toBe("1001");
    await caller.invoices.create({ number: "1500", customerId: own.customer.id, txnDate: "2025-03-02", lines });
    await caller.invoices.create({ number: "SPRING-99", customerId: own.customer.id, txnDate: "2025-03-03", lines });
    const next = await caller.invoices.create({ number: "", customerId: own.customer.id, txnDate: "2025-03-04", lines });
    expect(next.number).toBe("1501");
  });

  it("refuses a number another invoice already has, naming that invoice", async () => {
    const caller = callerFor(db, staff);
    await caller.invoices.create(invoice({ number: "A-77" }));
    const refused = await refusal(caller.invoices.create(invoice({ number: "A-77" })));
    expect(refused).toMatchObject({
      code: "CONFLICT",
      fields: { number: expect.stringContaining(`invoice to "${basics.customer.name}" dated 2025-03-10`) },
    });
  });

  it("sets the due date from the terms' net days unless one is given", async () => {
    const caller = callerFor(db, staff);
    const fromTerms = await caller.invoices.create(invoice({ txnDate: "2025-01-15", termsId: basics.net30.id }));
    expect(fromTerms).toMatchObject({ dueDate: "2025-02-14", termsName: basics.net30.name });
    const given = await caller.invoices.create(invoice({ termsId: basics.net30.id, dueDate: "2025-03-20" }));
    expect(given.dueDate).toBe("2025-03-20");
    expect((await caller.invoices.create(invoice())).dueDate).toBeNull();
  });

  it("refuses a line whose item does not exist, naming the line", async () => {
    const lines = [
      { itemId: basics.mowing.id, quantity: 1, rate: 45 },
      { itemId: 987654, quantity: 1, rate: 10 },
    ];
    const refused = await refusal(callerFor(db, staff).invoices.create(invoice({ lines })));
    expect(refused).toMatchObject({
      code: "BAD_REQUEST",
      fields: { "lines.1.itemId": expect.stringMatching(/^Line 2: that item does not exist/) },
    });
  });

  it("refuses an invoice for a vendor", async () => {
    const refused = await refusal(callerFor(db, staff).invoices.create(invoice({ customerId: basics.vendor.id })));
    expect(refused.fields).toEqual({ customerId: `"${basics.vendor.name}" is a vendor, not a customer. Choose a customer.` });
  });

  it("refuses an invoice for an inactive customer", async () => {
    const caller = callerFor(db, staff);
    const closed = await caller.customers.create({ name: "Closed Garden Center", active: false });
    const refused = await refusal(caller.invoices.create(invoice({ customerId: closed.id })));
    expect(refused.fields.customerId).toContain("is inactive");
  });

  it("refuses over-long fields, an invoice without lines and odd quantities, naming each field and limit", async () => {
    const refused = await refusal(
      callerFor(db, staff).invoices.create(invoice({ number: "2025-0000001", memo: "x".repeat(4096), lines: [] })),
    );
    expect(refused.fields).toEqual({
      number: "The invoice number can be at most 11 characters (QuickBooks' limit).",
      memo: "The memo can be at most 4095 characters (QuickBooks' limit).",
      lines: "Add at least one line to the invoice.",
    });
    const badQuantities = [
      { itemId: basics.mowing.id, quantity: 0, rate: 45 },
      { itemId: basics.mowing.id, quantity: "1.123456", rate: 45 },
    ];
    const quantities = await refusal(callerFor(db, staff).invoices.create(invoice({ lines: badQuantities })));
    expect(Object.keys(quantities.fields)).toEqual(["lines.0.quantity", "lines.1.quantity"]);
    expect(quantities.fields["lines.1.quantity"]).toContain("at most 5 decimals");
  });

  it("replaces all lines when an invoice is edited and keeps its number when left blank", async () => {
    const caller = callerFor(db, staff);
    const saved = await caller.invoices.create(
      invoice({
        lines: [
          { itemId: basics.mowing.id, quantity: 1, rate: 45 },
          { itemId: basics.mulch.id, quantity: 2, rate: "38.50" },
        ],
      }),
    );
    const edited = await caller.invoices.update({
      id: saved.id,
      data: invoice({ memo: "Spring cleanup", lines: [{ itemId: basics.mulch.id, quantity: 3, rate: "38.50" }] }),
    });
    expect(edited).toMatchObject({ id: saved.id, number: saved.number, memo: "Spring cleanup", totalCents: 11550 });
    expect(edited.lines).toEqual([expect.objectContaining({ position: 1, itemId: basics.mulch.id, amountCents: 11550 })]);
  });

  it("finds invoices by the customer's name and sorts them by total", async () => {
    const caller = callerFor(db, staff);
    for (const rate of [300, 100, 200]) {
      await caller.invoices.create(
        invoice({ customerId: basics.otherCustomer.id, lines: [{ itemId: basics.mowing.id, quantity: 1, rate }] }),
      );
    }
    const page = await caller.invoices.list({
      search: basics.otherCustomer.name.slice(0, 12),
      sort: "total",
      direction: "desc",
      pageSize: 2,
    });
    expect(page.total).toBe(3);
    expect(page.rows).toMatchObject([
      { customerName: basics.otherCustomer.name, totalCents: 30000, balanceCents: 30000 },
      { customerName: basics.otherCustomer.name, totalCents: 20000 },
    ]);
  });

  it("asks for a session before creating an invoice", async () => {
    await expect(callerFor(db, null).invoices.create(invoice())).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
