import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts, invoiceLines, invoices, items, payments, syncItems } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import { balanceColumns } from "@/server/records/invoices";
import { SimulatedCompany } from "@/scripts/simulator";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { validateQbxml } from "./support/qbxml-schema";
import { runSync } from "./support/sync-driver";

let db: Database;
let company: SimulatedCompany;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;
let sent: string[] = [];
const answer = (xml: string) => {
  sent.push(xml);
  return company.handle(xml);
};

beforeEach(async () => {
  db = await createTestDatabase();
  company = new SimulatedCompany();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
});

async function run() {
  sent = [];
  await runSync(db, answer);
  company.endSession();
}

async function candidate(label: string) {
  const rows = await db.select().from(syncItems).where(eq(syncItems.label, label));
  return rows.find((row) => row.direction === "import")!;
}

describe("invoice and payment imports", () => {
  it("imports a QuickBooks invoice after its customer, maps lines, applies a payment and sees deletions", async () => {
    const customer = company.addCustomer({ Name: "Harbor Light Bakery" });
    const item = company.add("ItemService", {
      Name: "Snow Plowing",
      SalesOrPurchase: { Price: "75.00", AccountRef: { FullName: "Service Income" } },
    });
    const invoice = company.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-01",
      RefNumber: "QB-1",
      Memo: "Winter",
      InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "2", Rate: "75.00" }],
    });
    await run();
    // Transactions are read after the lists (in the same message, in that order), 500 at a time, invoices with their
    // lines; then deletions of both kinds.
    const everything = sent.join("\n");
    const at = (tag: string) => everything.indexOf(`<${tag}`);
    const messageWith = (tag: string) => sent.find((xml) => xml.includes(`<${tag}`));
    expect(at("CustomerQueryRq")).toBeLessThan(at("InvoiceQueryRq"));
    expect(at("ItemServiceQueryRq")).toBeLessThan(at("InvoiceQueryRq"));
    expect(at("InvoiceQueryRq")).toBeLessThan(at("ReceivePaymentQueryRq"));
    expect(at("ListDeletedQueryRq")).toBeLessThan(at("TxnDeletedQueryRq"));
    expect(messageWith("InvoiceQueryRq")).toMatch(
      /<InvoiceQueryRq requestID="[^"]+" iterator="Start">\s*<MaxReturned>500<\/MaxReturned>[\s\S]*<IncludeLineItems>true<\/IncludeLineItems>/,
    );
    expect(messageWith("TxnDeletedQueryRq")).toMatch(/<TxnDelType>Invoice<\/TxnDelType>\s*<TxnDelType>ReceivePayment<\/TxnDelType>/);
    const verdicts = await validateQbxml(sent.map((xml, index) => ({ name: `request-${index}`, xml })));
    expect([...verdicts.values()].flatMap((verdict) => verdict.errors)).toEqual([]);
    const invoiceItem = await candidate("Invoice QB-1");
    expect(invoiceItem).toMatchObject({ state: "candidate", entityType: "invoice", action: "add" });

    // Only the invoice approved: it waits, naming the customer that blocks it.
    await caller.sync.approve({ checked: [invoiceItem.id], uncheckedRule: "keep" });
    await run();
    // The second run asks only for what changed since the checkpoint, with an hour of overlap.
    expect(sent.find((xml) => xml.includes("<InvoiceQueryRq") && xml.includes("<MaxReturned>"))).toMatch(
      /<ModifiedDateRangeFilter>\s*<FromModifiedDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[-+]\d\d:\d\d<\/FromModifiedDate>/,
    );
    const waiting = await candidate("Invoice QB-1");
    expect(waiting.state).toBe("waiting");
    expect(waiting.waitingReason).toContain('customer "Harbor Light Bakery"');

    // Customer, item and invoice approved together: imported in dependency order in one run.
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await run();
    expect((await candidate("Invoice QB-1")).state).toBe("succeeded");
    const [local] = await db.select().from(invoices).where(eq(invoices.number, "QB-1"));
    const [localCustomer] = await db.select().from(contacts).where(eq(contacts.name, "Harbor Light Bakery"));
    const [localItem] = await db.select().from(items).where(eq(items.name, "Snow Plowing"));
    expect(local).toMatchObject({
      customerId: localCustomer!.id,
      status: "final",
      txnDate: "2024-05-01",
      memo: "Winter",
      totalCents: 15000,
    });
    const lines = await db.select().from(invoiceLines).where(eq(invoiceLines.invoiceId, local!.id));
    expect(lines).toEqual([expect.objectContaining({ itemId: localItem!.id, quantity: 2, rateCents: 7500, amountCents: 15000 })]);

    // A payment applied to it in QuickBooks imports and reduces the local balance.
    company.receivePayment({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-10",
      RefNumber: "CHK-77",
      TotalAmount: "100.00",
      AppliedToTxnRet: [{ TxnID: invoice.id, PaymentAmount: "100.00" }],
    });
    await run();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await run();
    const [payment] = await db.select().from(payments).where(eq(payments.refNumber, "CHK-77"));
    expect(payment).toMatchObject({ customerId: localCustomer!.id, amountCents: 10000 });
    const [balance] = await db.select({ balance: balanceColumns().balanceCents }).from(invoices).where(eq(invoices.id, local!.id));
    expect(balance!.balance).toBe(5000);
    expect(await caller.sync.badgeCount()).toBe(0);

    // Deleted in QuickBooks: a "deleted in QuickBooks" candidate.
    company.delete("ReceivePayment", company.list("ReceivePayment")[0]!.id);
    company.delete("Invoice", invoice.id);
    await run();
    const deleted = await caller.sync.candidates({ section: "import", action: "delete" });
    expect(deleted.rows.map((row) => row.label).sort()).toEqual(["Invoice QB-1", "Payment CHK-77"]);

    // Approved: the payment goes first (the invoice waits for it), the invoice on the next run.
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await run();
    expect(await db.select().from(payments)).toEqual([]);
    expect((await candidate("Invoice QB-1")).state).toBe("waiting");
    await run();
    expect((await candidate("Invoice QB-1")).state).toBe("succeeded");
    expect(await db.select().from(invoices)).toEqual([]);
  });

  it("holds back an invoice whose number another customer's invoice uses here, and warns about payments to unlinked invoices", async () => {
    const customer = company.addCustomer({ Name: "Birchwood Dental" });
    const item = company.add("ItemService", {
      Name: "Lawn Mowing",
      SalesOrPurchase: { Price: "45.00", AccountRef: { FullName: "Service Income" } },
    });
    await run();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await run();
    const [localItem] = await db.select().from(items).where(eq(items.name, "Lawn Mowing"));
    const other = await caller.customers.create({ name: "Cedar Street Clinic" });
    await caller.invoices.create({
      customerId: other.id,
      number: "7001",
      txnDate: "2024-05-02",
      status: "draft",
      lines: [{ itemId: localItem!.id, quantity: 1, rate: "45" }],
    });

    const invoice = company.addInvoice({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-03",
      RefNumber: "7001",
      InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "1", Rate: "45.00" }],
    });
    company.receivePayment({
      CustomerRef: { ListID: customer.id },
      TxnDate: "2024-05-04",
      TotalAmount: "45.00",
      AppliedToTxnRet: [{ TxnID: invoice.id, PaymentAmount: "45.00" }],
    });
    await run();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await run();
    // Never a failure: the import waits in the wizard, saying why and what to do.
    const held = await candidate("Invoice 7001");
    expect(held.state).toBe("candidate");
    expect(held.blockedReason).toBe(
      'Invoice 7001 in QuickBooks (for "Birchwood Dental") is not imported: invoice 7001 here is for "Cedar Street Clinic". Ledgerbridge keeps one invoice per number: renumber the one here, and this one is imported at the next run.',
    );
    const [payment] = await db.select().from(syncItems).where(eq(syncItems.entityType, "payment"));
    expect(payment).toMatchObject({ state: "succeeded" });
    expect(payment!.statusMessage).toContain("not applied to invoice 7001");
  });
});
