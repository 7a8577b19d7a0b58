import { beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import type { SessionUser } from "@/lib/roles";
import type { PaymentInput } from "@/server/records/payments";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { createInvoiceBasics } from "./support/records";
import { refusal } from "./support/refusal";

let db: Database;
let staff: SessionUser;
let caller: ReturnType<typeof callerFor>;
let basics: Awaited<ReturnType<typeof createInvoiceBasics>>;

beforeAll(async () => {
  db = await createTestDatabase();
  staff = await createTestUser(db, "staff");
  caller = callerFor(db, staff);
  basics = await createInvoiceBasics(caller);
});

/** A final invoice of the given amount (one mowing line), for the basics' customer unless another is given. */
async function finalInvoice(rate: string, customerId = basics.customer.id) {
  return caller.invoices.create({
    customerId,
    txnDate: "2025-04-01",
    status: "final",
    lines: [{ itemId: basics.mowing.id, quantity: 1, rate }],
  });
}

/** A payment by the basics' customer that applies its whole amount to one invoice, changed as the test needs. */
function paying(invoiceId: number, amount: string, changes: Partial<PaymentInput> = {}): PaymentInput {
  return { customerId: basics.customer.id, txnDate: "2025-04-20", amount, applications: [{ invoiceId, amount }], ...changes };
}

describe("payments", () => {
  it("applies a payment to invoices and shows what each still has open", async () => {
    const april = await finalInvoice("200");
    const may = await finalInvoice("150");
    const check = await caller.paymentMethods.create({ name: "Check" });
    const payment = await caller.payments.create({
      customerId: basics.customer.id,
      txnDate: "2025-05-02",
      amount: "275",
      paymentMethodId: check.id,
      refNumber: "4417",
      applications: [
        { invoiceId: april.id, amount: "200" },
        { invoiceId: may.id, amount: "50" },
      ],
    });
    expect(payment).toMatchObject({
      customerName: basics.customer.name,
      paymentMethodName: "Check",
      amountCents: 27500,
      appliedCents: 25000,
      unappliedCents: 2500,
      updatedBy: staff.id,
      applications: [
        { invoiceId: april.id, invoiceNumber: april.number, amountCents: 20000 },
        { invoiceId: may.id, invoiceNumber: may.number, amountCents: 5000 },
      ],
    });
    expect(await caller.invoices.get({ id: may.id })).toMatchObject({ paidCents: 5000, balanceCents: 10000 });
    const open = await caller.invoices.openForCustomer({ customerId: basics.customer.id });
    const these = open.filter((invoice) => invoice.id === april.id || invoice.id === may.id);
    expect(these.map((invoice) => [invoice.number, invoice.balanceCents])).toEqual([[may.number, 10000]]);
  });

  it("refuses to apply more than an invoice has open, naming the invoice and its balance", async () => {
    const invoice = await finalInvoice("120");
    await caller.payments.create(paying(invoice.id, "100"));
    const refused = await refusal(caller.payments.create(paying(invoice.id, "30", { amount: "50" })));
    expect(refused.fields).toEqual({
      "applications.0.amount": `Invoice ${invoice.number} has $20.00 open, less than the $30.00 applied to it.`,
    });
  });

  it("refuses to apply a payment to another customer's invoice", async () => {
    const theirs = await finalInvoice("80", basics.otherCustomer.id);
    const refused = await refusal(caller.payments.create(paying(theirs.id, "80")));
    expect(refused.fields["applications.0.invoiceId"]).toContain(`is for "${basics.otherCustomer.name}"`);
  });

  it("refuses applications that add up to more than the payment, and payments of nothing", async () => {
    const first = await finalInvoice("60");
    const second = await finalInvoice("60");
    const refused = await refusal(
      caller.payments.create({
        customerId: basics.customer.id,
        txnDate: "2025-04-20",
        amount: "100",
        applications: [
          { invoiceId: first.id, amount: "60" },
          { invoiceId: second.id, amount: "60" },
        ],
      }),
    );
    expect(refused.fields).toEqual({ applications: "The applied amounts add up to $120.00, more than the payment of $100.00." });
    const nothing = await refusal(caller.payments.create({ customerId: basics.customer.id, txnDate: "2025-04-20", amount: "0" }));
    expect(nothing.fields).toEqual({ amount: "The amount must be more than 0." });
  });

  it("lets an edited payment re-apply its own amount and replaces its applications", async () => {
    const invoice = await finalInvoice("90");
    const saved = await caller.payments.create(paying(invoice.id, "90"));
    const edited = await caller.payments.update({
      id: saved.id,
      data: paying(invoice.id, "90", { applications: [{ invoiceId: invoice.id, amount: "40" }] }),
    });
    expect(edited.applications).toMatchObject([{ invoiceId: invoice.id, amountCents: 4000 }]);
    const reopened = await caller.invoices.openForCustomer({ customerId: basics.customer.id, exceptPaymentId: saved.id });
    expect(reopened.find((row) => row.id === invoice.id)?.balanceCents).toBe(9000);
  });

  it("keeps an invoice's payments whole: no lower total, no going back to draft", async () => {
    const invoice = await finalInvoice("100");
    await caller.payments.create(paying(invoice.id, "100"));
    const data = { customerId: basics.customer.id, txnDate: "2025-04-01", status: "final" as const };
    const lower = await refusal(
      caller.invoices.update({ id: invoice.id, data: { ...data, lines: [{ itemId: basics.mowing.id, quantity: 1, rate: 75 }] } }),
    );
    expect(lower).toMatchObject({ code: "CONFLICT", fields: { lines: expect.stringContaining("more than the new total of $75.00") } });
    const draft = await refusal(
      caller.invoices.update({
        id: invoice.id,
        data: { ...data, status: "draft", lines: [{ itemId: basics.mowing.id, quantity: 1, rate: 100 }] },
      }),
    );
    expect(draft.fields.status).toContain("cannot go back to draft");
  });

  it("refuses to apply a payment to a draft invoice", async () => {
    const draft = await caller.invoices.create({
      customerId: basics.customer.id,
      txnDate: "2025-04-01",
      lines: [{ itemId: basics.mowing.id, quantity: 1, rate: 45 }],
    });
    const refused = await refusal(caller.payments.create(paying(draft.id, "45")));
    expect(refused.fields["applications.0.invoiceId"]).toContain("is a draft");
  });

  it("finds payments by the customer's name or reference number, newest first", async () => {
    const customer = await caller.customers.create({ name: "Willow Creek Vet Clinic" });
    for (const [txnDate, refNumber] of [
      ["2025-02-01", "1201"],
      ["2025-03-01", "1202"],
    ] as const) {
      await caller.payments.create({ customerId: customer.id, txnDate, amount: "25", refNumber });
    }
    const page = await caller.payments.list({ search: "willow creek", sort: "txnDate", direction: "desc" });
    expect(page.total).toBe(2);
    expect(page.rows).toMatchObject([
      { refNumber: "1202", customerName: "Willow Creek Vet Clinic", appliedCents: 0 },
      { refNumber: "1201" },
    ]);
    expect((await caller.payments.list({ search: "1201" })).total).toBe(1);
  });

  it("asks for a session before listing payments", async () => {
    await expect(callerFor(db, null).payments.list({})).rejects.toMatchObject({ code: "UNAUTHORIZED" });
  });
});
