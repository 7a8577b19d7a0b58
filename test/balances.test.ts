import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts, quickbooksBalances, syncItems, syncLinks } from "@/db/schema";
import { seedDemo } from "@/scripts/demo/seed";
import { overlapCompany, SimulatedCompany } from "@/scripts/simulator";
import { callerFor, freshDatabaseWithAdmin } from "./support/callers";
import { validateQbxml } from "./support/qbxml-schema";
import { addInvoicedCustomer, testClock } from "./support/simulator";
import { firstImport, runSync, syncWith } from "./support/sync-driver";

let db: Database;
let caller: ReturnType<typeof callerFor>;
let company: SimulatedCompany;

const CUSTOMER = "Harbor Light Bakery";

beforeEach(async () => {
  ({ db, caller } = await freshDatabaseWithAdmin());
  company = new SimulatedCompany();
  addInvoicedCustomer(company, CUSTOMER);
  company.addVendor({ Name: "Evergreen Nursery Supply" });
});

async function localId(name: string): Promise<number> {
  const [row] = await db.select({ id: contacts.id }).from(contacts).where(eq(contacts.name, name));
  return row!.id;
}

describe("customer and vendor balances as QuickBooks reports them", () => {
  it("shows QuickBooks' balance beside the synced invoices' and payments', equal after the first import", async () => {
    await firstImport(db, caller, company);
    const balance = await caller.customers.balance({ id: await localId(CUSTOMER) });
    expect(balance.quickBooks).toMatchObject({ balanceCents: 124000, totalBalanceCents: 124000 });
    expect(balance.quickBooks!.readAt).toBeInstanceOf(Date);
    expect(balance.ledgerbridgeCents).toBe(124000);
    expect(balance.difference).toBeNull();
  });

  it("refreshes a balance QuickBooks changed without touching the customer on the next run, and flags the difference", async () => {
    await firstImport(db, caller, company);
    const before = await caller.customers.balance({ id: await localId(CUSTOMER) });
    // A $200.00 credit memo entered in QuickBooks only: the customer's TimeModified does not move.
    company.adjustBalance("Customer", CUSTOMER, -20000);
    await syncWith(db, company);

    const id = await localId(CUSTOMER);
    const balance = await caller.customers.balance({ id });
    expect(balance.quickBooks!.balanceCents).toBe(104000);
    expect(balance.quickBooks!.readAt.getTime()).toBeGreaterThan(before.quickBooks!.readAt.getTime());
    expect(balance.ledgerbridgeCents).toBe(124000);
    expect(balance.difference?.sentence).toBe(
      "QuickBooks says $1,040.00, Ledgerbridge's synced invoices and payments say $1,240.00: $200.00 apart.",
    );
    expect(balance.difference?.hint).toMatch(/credit memo/);
    // Nothing about the customer itself changed, so nothing waits in the wizard for it.
    expect(await db.select().from(syncItems).where(eq(syncItems.state, "candidate"))).toEqual([]);

    const differing = await caller.customers.list({ balance: "differs" });
    expect(differing.rows.map((row) => row.name)).toEqual([CUSTOMER]);
    expect(differing.rows[0]!.balance?.quickBooks?.balanceCents).toBe(104000);
    expect((await caller.customers.list({})).total).toBe(1);
  });

  it("returns a balance to zero once it is paid off in QuickBooks", async () => {
    await firstImport(db, caller, company);
    const customer = company.find("Customer", CUSTOMER)!;
    company.receivePayment({ CustomerRef: { ListID: customer.id }, TotalAmount: "1240.00", IsAutoApply: "true" });
    await syncWith(db, company);
    const id = await localId(CUSTOMER);
    expect((await caller.customers.balance({ id })).quickBooks!.balanceCents).toBe(0);
    expect(await db.select().from(quickbooksBalances).where(eq(quickbooksBalances.entityType, "customer"))).toEqual([]);

    // Once the payment is brought in, both sides agree again.
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await syncWith(db, company);
    const settled = await caller.customers.balance({ id });
    expect(settled.ledgerbridgeCents).toBe(0);
    expect(settled.difference).toBeNull();
    expect((await caller.customers.list({ balance: "differs" })).total).toBe(0);
  });

  it("shows a vendor's balance from QuickBooks beside its synced bills less bill payments, and flags what is not synced yet", async () => {
    const VENDOR = "Evergreen Nursery Supply";
    await firstImport(db, caller, company);
    const vendor = company.find("Vendor", VENDOR)!;
    const bill = company.enterBill({
      VendorRef: { ListID: vendor.id },
      TxnDate: "2024-02-20",
      RefNumber: "EN-512",
      ExpenseLineRet: [{ AccountRef: { FullName: "Materials" }, Amount: "512.50" }],
    });
    await syncWith(db, company);
    const id = await localId(VENDOR);
    const waiting = await caller.vendors.balance({ id });
    expect(waiting.quickBooks).toMatchObject({ balanceCents: 51250, totalBalanceCents: null });
    expect(waiting.ledgerbridgeCents).toBe(0);
    expect(waiting.difference?.sentence).toBe(
      "QuickBooks says $512.50, Ledgerbridge's synced bills and bill payments say $0.00: $512.50 apart.",
    );
    expect(waiting.difference?.hint).toMatch(/bill entered only in QuickBooks/);
    expect((await caller.vendors.list({ balance: "differs" })).rows.map((row) => row.name)).toEqual([VENDOR]);

    // Once the bill is imported, both sides agree.
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await syncWith(db, company);
    const billed = await caller.vendors.balance({ id });
    expect(billed).toMatchObject({ quickBooks: { balanceCents: 51250 }, ledgerbridgeCents: 51250, difference: null });

    // A check written in QuickBooks pays $200.00 of it: QuickBooks owes less until the check is imported too.
    company.payBills({
      PayeeEntityRef: { ListID: vendor.id },
      TxnDate: "2024-03-01",
      BankAccountRef: { FullName: "Checking" },
      RefNumber: "3001",
      AppliedToTxnRet: [{ TxnID: bill.id, PaymentAmount: "200.00" }],
    });
    await syncWith(db, company);
    const paid = await caller.vendors.balance({ id });
    expect(paid).toMatchObject({ quickBooks: { balanceCents: 31250 }, ledgerbridgeCents: 51250 });
    expect(paid.difference?.hint).toMatch(/^QuickBooks has less owing to the vendor/);
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await syncWith(db, company);
    expect(await caller.vendors.balance({ id })).toMatchObject({
      quickBooks: { balanceCents: 31250 },
      ledgerbridgeCents: 31250,
      difference: null,
    });
    expect((await caller.vendors.list({ balance: "differs" })).total).toBe(0);
  });

  it("reads only non-zero balances, in the same single exchange as the rest of an idle run, as the schema allows", async () => {
    await firstImport(db, caller, company);
    const idle = await syncWith(db, company);
    console.log(idle.sent.slice(0, 2).map((xml) => xml.slice(0, 1500)));
    expect(idle.requests).toBe(1);
    const message = idle.sent[0]!;
    for (const operator of ["GreaterThan", "LessThan"]) {
      expect(message).toContain(
        `<TotalBalanceFilter>\n        <Operator>${operator}</Operator>\n        <Amount>0.00</Amount>\n      </TotalBalanceFilter>`.replace(
          /\n\s*/g,
          "",
        ),
      );
    }
    expect(message.match(/<CustomerQueryRq /g)).toHaveLength(3);
    expect(message.match(/<VendorQueryRq /g)).toHaveLength(3);
    expect(message).toMatch(/<IncludeRetElement>ListID<\/IncludeRetElement>\s*<IncludeRetElement>ParentRef<\/IncludeRetElement>/);
    expect(message).toMatch(/<IncludeRetElement>ListID<\/IncludeRetElement>\s*<IncludeRetElement>Balance<\/IncludeRetElement>/);
    const verdicts = await validateQbxml([{ name: "idle", xml: message }]);
    expect([...verdicts.values()].flatMap((verdict) => verdict.errors)).toEqual([]);
  });

  it("pages through more open balances than one page holds and zeroes only those no longer returned", async () => {
    // More open balances than one page holds (5,000): the second page follows in the next message.
    const clock = testClock();
    company = new SimulatedCompany({ now: clock.now });
    addInvoicedCustomer(company, CUSTOMER);
    const names = Array.from({ length: 5_020 }, (_, index) => `Customer ${String(index).padStart(4, "0")}`);
    for (const name of names) {
      company.addCustomer({ Name: name });
      company.adjustBalance("Customer", name, 1000);
    }
    const first = await syncWith(db, company);
    const continued = first.sent.filter((xml) =>
      /<CustomerQueryRq [^>]*iterator="Continue"[^>]*>(?:(?!<\/CustomerQueryRq>)[\s\S])*<TotalBalanceFilter>/.test(xml),
    );
    expect(continued).toHaveLength(1);
    const stored = () => db.select().from(quickbooksBalances).where(eq(quickbooksBalances.entityType, "customer"));
    // The 5,020 and the bakery, which has its invoice.
    expect(await stored()).toHaveLength(5_021);

    company.adjustBalance("Customer", names[7]!, -1000);
    company.adjustBalance("Customer", names[5_011]!, -1000);
    await syncWith(db, company);
    const left = await stored();
    expect(left).toHaveLength(5_019);
    expect(left.every((row) => row.balanceCents > 0)).toBe(true);

    // Under 5,000 open balances, an idle run reads them all in its one exchange. (A later change first moves the
    // customers' checkpoint past the hour of overlap in which the 5,020 would be read again.)
    clock.advance(2 * 3600_000);
    company.updateCustomer(CUSTOMER, { Phone: "(919) 555-0100" });
    await syncWith(db, company);
    for (const name of names.slice(100, 120)) company.adjustBalance("Customer", name, -1000);
    const idle = await syncWith(db, company);
    expect(idle.requests).toBe(1);
    expect(await stored()).toHaveLength(4_999);
  }, 120_000);

  it("shows the demo's two customers with a credit memo only in QuickBooks as differing after the first sync", async () => {
    await seedDemo(db, { today: "2025-06-30" });
    const overlap = await overlapCompany(db);
    expect(overlap.summary.creditMemos).toBe(2);
    await firstImport(db, caller, overlap.company);
    const differing = await caller.customers.list({ balance: "differs", pageSize: 200 });
    const sentences = differing.rows.map((row) => row.balance?.difference?.sentence ?? "");
    expect(sentences.filter((sentence) => sentence.endsWith(": $150.00 apart."))).toHaveLength(1);
    expect(sentences.filter((sentence) => sentence.endsWith(": $75.00 apart."))).toHaveLength(1);
  });

  it("works out a customer's own balance when its jobs' cancel it, so QuickBooks' filter leaves the customer out", async () => {
    const parent = company.addCustomer({ Name: "Harbor Dental" });
    const job = company.addCustomer({ Name: "Spring Cleanup", ParentRef: { ListID: parent.id } });
    await firstImport(db, caller, company);
    company.adjustBalance("Customer", parent.id, 30000);
    company.adjustBalance("Customer", job.id, -30000);
    await syncWith(db, company);
    const own = await caller.customers.balance({ id: await localId("Harbor Dental") });
    expect(own.quickBooks).toMatchObject({ balanceCents: 30000, totalBalanceCents: 0 });
    const [jobLink] = await db.select().from(syncLinks).where(eq(syncLinks.qbId, job.id));
    const jobBalance = await caller.customers.balance({ id: jobLink!.localId });
    expect(jobBalance.quickBooks).toMatchObject({ balanceCents: -30000, totalBalanceCents: -30000 });

    // Settled on both: nothing is kept, and both read zero.
    company.adjustBalance("Customer", parent.id, -30000);
    company.adjustBalance("Customer", job.id, 30000);
    await syncWith(db, company);
    expect((await caller.customers.balance({ id: await localId("Harbor Dental") })).quickBooks!.balanceCents).toBe(0);
    expect(await db.select().from(quickbooksBalances).where(eq(quickbooksBalances.qbId, parent.id))).toEqual([]);
  });

  it("finishes the first import when QuickBooks refuses the balance query: balances only inform", async () => {
    const empty = new SimulatedCompany({ starterLists: false });
    const refuseCustomerBalances = (xml: string) =>
      empty
        .handle(xml)
        .replace(
          /<CustomerQueryRs requestID="(d\d+)"[^>]*>(?:(?!<\/CustomerQueryRs>)[\s\S])*<\/CustomerQueryRs>|<CustomerQueryRs requestID="(d\d+)"[^>]*\/>/g,
          (whole, id: string | undefined, selfClosed: string | undefined) =>
            xml.includes(`requestID="${id ?? selfClosed}"`) && balanceRequest(xml, id ?? selfClosed!)
              ? `<CustomerQueryRs requestID="${id ?? selfClosed}" statusCode="3250" statusSeverity="Error" statusMessage="This feature is not enabled or not available in this version of QuickBooks."/>`
              : whole,
        );
    await runSync(db, refuseCustomerBalances);
    empty.endSession();
    expect((await caller.sync.firstImport.status()).status).toBe("done");
  });
});

/** Whether the request with this requestID in the document is a balance query (it has a TotalBalanceFilter). */
function balanceRequest(xml: string, requestId: string): boolean {
  const start = xml.indexOf(`requestID="${requestId}"`);
  const end = xml.indexOf("QueryRq>", start);
  return xml.slice(start, end).includes("<TotalBalanceFilter>");
}
