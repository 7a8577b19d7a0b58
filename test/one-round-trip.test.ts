import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db";
import { contacts, syncItems } from "@/db/schema";
import { SimulatedCompany, SimulatedWebConnector } from "@/scripts/simulator";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { validateQbxml } from "./support/qbxml-schema";
import { testClock } from "./support/simulator";
import { runSync, syncWith } from "./support/sync-driver";
import { TEST_CONNECTOR, TEST_CONNECTOR_ENV } from "./support/web-connector-runs";

/** Every request of a message, in order, e.g. ["CustomerAddRq", "CustomerQueryRq"]. */
function requestsOf(xml: string): string[] {
  return [...xml.matchAll(/<(\w+Rq)\b/g)].map((match) => match[1]!).filter((name) => name !== "QBXMLMsgsRq");
}

const DISCOVERY = [
  "PaymentMethodQueryRq",
  "StandardTermsQueryRq",
  "SalesTaxCodeQueryRq",
  "AccountQueryRq",
  "ItemServiceQueryRq",
  "ItemNonInventoryQueryRq",
  "VendorQueryRq",
  "ItemSalesTaxQueryRq",
  "ItemSalesTaxGroupQueryRq",
  "CustomerQueryRq",
  "InvoiceQueryRq",
  "PurchaseOrderQueryRq",
  "BillQueryRq",
  "ReceivePaymentQueryRq",
  "BillPaymentCheckQueryRq",
  "ListDeletedQueryRq",
  "TxnDeletedQueryRq",
  // The non-zero balances: customers above and below zero, then vendors.
  "CustomerQueryRq",
  "CustomerQueryRq",
  "VendorQueryRq",
  "VendorQueryRq",
];

async function schemaErrors(messages: readonly string[]): Promise<string[]> {
  const verdicts = await validateQbxml(messages.map((xml, index) => ({ name: `message-${index + 1}`, xml })));
  return [...verdicts.values()].flatMap((verdict) => verdict.errors);
}

describe("a Web Connector run through the real endpoint", () => {
  let server: AppServer;
  let db: Database;
  const clock = testClock();
  const company = new SimulatedCompany({ now: clock.now, starterLists: false });
  company.addCustomer({ Name: "Harbor Light Bakery" });

  beforeAll(async () => {
    server = await startAppServer({ ...TEST_CONNECTOR_ENV, ADMIN_EMAIL: "owner@example.com", ADMIN_PASSWORD: "a long enough password" });
    db = openDatabase(server.databaseUrl);
  });
  afterAll(async () => {
    await server?.stop();
  });

  function webConnector() {
    const sent: string[] = [];
    const connector = new SimulatedWebConnector({
      url: `${server.url}/qbwc`,
      ...TEST_CONNECTOR,
      company,
      noOpDelayMs: 0,
      validateRequest: (xml) => {
        sent.push(xml);
        return [];
      },
    });
    return { sent, run: () => connector.run() };
  }

  it("reads every list and transaction type in one message, which the qbXML 13.0 schema accepts", async () => {
    const first = webConnector();
    const log = await first.run();
    expect(log.outcome, log.error).toBe("completed");
    expect(log.exchanges).toHaveLength(1);
    expect(requestsOf(first.sent[0]!)).toEqual(DISCOVERY);
    expect(first.sent[0]).toContain('onError="continueOnError"');
    expect(await schemaErrors(first.sent)).toEqual([]);
  });

  it("is one exchange with QuickBooks when nothing changed on either side", async () => {
    clock.advance(2 * 3600_000);
    const idle = webConnector();
    const log = await idle.run();
    expect(log.outcome, log.error).toBe("completed");
    expect(log.calls.filter((call) => call.method === "sendRequestXML")).toHaveLength(1);
    expect(log.calls.filter((call) => call.method === "receiveResponseXML")).toHaveLength(1);
    expect(log.exchanges).toHaveLength(1);
    expect(log.percents).toEqual([100]);
    // Each list is asked only for what changed since it was last read.
    expect(idle.sent[0]).toMatch(/<CustomerQueryRq[^>]*>[\s\S]*<FromModifiedDate>/);
  });

  it("sends approved records and reads QuickBooks in the same message, without reading its own writes back as changes", async () => {
    const caller = callerFor(db, await createTestUser(db, "admin"));
    await db.insert(contacts).values([
      { kind: "customer", name: "Alder Street Dental", nameKey: "alder street dental" },
      { kind: "customer", name: "Birch Court Vet", nameKey: "birch court vet" },
    ]);
    await caller.sync.discoverLocal();
    await caller.sync.approve({ checked: { filter: { section: "import" } }, uncheckedRule: "keep" });
    await caller.sync.approve({ checked: { filter: { section: "export" } }, uncheckedRule: "keep" });

    clock.advance(2 * 3600_000);
    const busy = webConnector();
    const log = await busy.run();
    expect(log.outcome, log.error).toBe("completed");
    expect(log.exchanges).toHaveLength(1);
    // QuickBooks runs a message's requests in order: the approved import is read and the Adds sent first, so the
    // queries after them see the new customers.
    expect(requestsOf(busy.sent[0]!).sort()).toEqual(["CustomerAddRq", "CustomerAddRq", "CustomerQueryRq", ...DISCOVERY].sort());
    expect(requestsOf(busy.sent[0]!).slice(-DISCOVERY.length)).toEqual(DISCOVERY);
    expect(await schemaErrors(busy.sent)).toEqual([]);
    expect(company.count("Customer")).toBe(3);
    const succeeded = await db.select().from(syncItems).where(eq(syncItems.state, "succeeded"));
    expect(succeeded.map((item) => item.label).sort()).toEqual(["Alder Street Dental", "Birch Court Vet", "Harbor Light Bakery"]);
    const echoed = await db
      .select()
      .from(syncItems)
      .where(and(eq(syncItems.direction, "import"), eq(syncItems.state, "candidate")));
    expect(echoed).toEqual([]);

    // And the run after that is idle again: one exchange.
    clock.advance(2 * 3600_000);
    expect((await webConnector().run()).exchanges).toHaveLength(1);
  });
});

describe("discovery batched in one message, with lists longer than a page", () => {
  it("continues each list's iterator in the next messages and reads transactions only once the lists they use are read", async () => {
    const db = await createTestDatabase();
    const clock = testClock();
    const company = new SimulatedCompany({ now: clock.now });
    const customers = Array.from({ length: 1_100 }, (_, index) =>
      company.addCustomer({ Name: `Customer ${String(index).padStart(4, "0")}` }),
    );
    const item = company.add("ItemService", {
      Name: "Pruning",
      SalesOrPurchase: { Price: "40.00", AccountRef: { FullName: "Service Income" } },
    });
    // Customers on the last page: the invoice must not be judged before they are read.
    for (const customer of customers.slice(-3)) {
      company.addInvoice({
        CustomerRef: { ListID: customer.id },
        TxnDate: "2024-02-01",
        InvoiceLineRet: [{ ItemRef: { ListID: item.id }, Quantity: "1" }],
      });
    }

    const run = await syncWith(db, company);
    const messages = run.sent.map(requestsOf);
    expect(messages[0]).toEqual(DISCOVERY);
    // 1,100 customers are three pages of 500: pages two and three continue the iterator, alone.
    expect(messages[1]).toEqual(["CustomerQueryRq"]);
    expect(run.sent[1]).toMatch(/<CustomerQueryRq requestID="[^"]+" iterator="Continue" iteratorID="[^"]+">/);
    expect(messages[2]).toEqual(["CustomerQueryRq"]);
    // The transaction pages read beside the first customer page were set aside and are asked again now.
    expect(messages[3]).toEqual([
      "InvoiceQueryRq",
      "PurchaseOrderQueryRq",
      "BillQueryRq",
      "ReceivePaymentQueryRq",
      "BillPaymentCheckQueryRq",
    ]);
    expect(run.sent[3]).toMatch(/<InvoiceQueryRq requestID="[^"]+" iterator="Start">/);
    expect(messages).toHaveLength(4);
    expect(await schemaErrors(run.sent)).toEqual([]);

    const candidates = await db
      .select()
      .from(syncItems)
      .where(and(eq(syncItems.direction, "import"), eq(syncItems.state, "candidate")));
    expect(candidates.filter((item) => item.entityType === "customer")).toHaveLength(1_100);
    expect(candidates.filter((item) => item.entityType === "item")).toHaveLength(1);
    const invoices = candidates.filter((item) => item.entityType === "invoice");
    expect(invoices).toHaveLength(3);
    expect(invoices.map((invoice) => invoice.blockedReason)).toEqual([null, null, null]);

    // Every list was read to its end, so the next run asks each only for what changed since (less an hour's overlap).
    const next = await syncWith(db, company);
    expect(next.sent[0]).toMatch(/<CustomerQueryRq[^>]*>[\s\S]*?<FromModifiedDate>[\s\S]*?<\/CustomerQueryRq>/);
    expect(next.sent[0]).toMatch(/<InvoiceQueryRq[^>]*>[\s\S]*?<ModifiedDateRangeFilter>[\s\S]*?<\/InvoiceQueryRq>/);
  });

  it("reads a list QuickBooks failed to answer again in the next run, while the others move on", async () => {
    const db = await createTestDatabase();
    const company = new SimulatedCompany({ now: testClock().now, starterLists: false });
    company.addCustomer({ Name: "Cedar Row Florist" });
    company.addVendor({ Name: "Fernside Supply" });
    // One answer in the message is an error (the vendor list busy); continueOnError lets the rest of the message run.
    const vendorsBusy = (xml: string) =>
      company
        .handle(xml)
        .replace(
          /<VendorQueryRs (requestID="[^"]+") [^>]*>[\s\S]*?<\/VendorQueryRs>/,
          '<VendorQueryRs $1 statusCode="3170" statusSeverity="Error" statusMessage="The list is in use." />',
        );
    const run = await runSync(db, vendorsBusy);
    company.endSession();
    expect(run.sent).toHaveLength(1);
    const labels = async () => (await db.select().from(syncItems)).map((item) => item.label).sort();
    expect(await labels()).toEqual(["Cedar Row Florist"]);

    const again = await syncWith(db, company);
    expect(again.sent).toHaveLength(1);
    expect(await labels()).toEqual(["Cedar Row Florist", "Fernside Supply"]);
  });
});
