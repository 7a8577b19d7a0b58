import { and, count, eq, inArray, not, notExists } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "@/db";
import { contacts, invoices, items, paymentMethods, payments, purchaseOrders, syncItems, syncLinks, terms } from "@/db/schema";
import { seedDemo } from "@/scripts/demo/seed";
import { overlapCompany, type OverlapSummary, type SimulatedCompany } from "@/scripts/simulator";
import type { SessionUser } from "@/lib/roles";
import { callerFor, createTestUser } from "./support/callers";
import { startAppServer, type AppServer } from "@/scripts/app-server";
import { createTestDatabase } from "./support/database";
import { runWebConnector, TEST_CONNECTOR_ENV } from "./support/web-connector-runs";
import { syncWith } from "./support/sync-driver";

// Day one against real books: the office's QuickBooks already holds much of what Ledgerbridge holds.
let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;
let company: SimulatedCompany;
let overlap: OverlapSummary;

beforeEach(async ({ task }) => {
  // The endpoint test seeds its server's own database.
  if (task.suite?.name.includes("endpoint")) return;
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
  await seedDemo(db, { today: "2025-06-30" });
  ({ company, summary: overlap } = await overlapCompany(db));
});

type Filter = { section?: "import" | "export" };

/** Runs (in-process, or through the real endpoint), approving what the wizard proposes after each, until settled. */
async function syncUntilSettled(approve: Filter[] = [{}], run: () => Promise<unknown> = () => syncWith(db, company)) {
  for (let attempt = 0; attempt < 8; attempt++) {
    await run();
    for (const filter of approve) await caller.sync.approve({ checked: { filter }, uncheckedRule: "keep" });
    const [open] = await db
      .select({ n: count() })
      .from(syncItems)
      .where(inArray(syncItems.state, ["pending", "waiting", "in_doubt", "retry"]));
    if (open!.n === 0) {
      const [approvable] = await db
        .select({ n: count() })
        .from(syncItems)
        .where(and(eq(syncItems.state, "candidate")));
      if (approvable!.n === (await heldBack()).length + (await undecidedMatches())) return;
    }
  }
}

const heldBack = () =>
  db
    .select()
    .from(syncItems)
    .where(and(eq(syncItems.state, "candidate")));
const undecidedMatches = async () =>
  (
    await db
      .select({ n: count() })
      .from(syncItems)
      .where(and(eq(syncItems.state, "candidate"), eq(syncItems.action, "match")))
  ).at(0)!.n;

async function failures() {
  return (await db.select().from(syncItems).where(eq(syncItems.state, "failed"))).map(
    (item) => `${item.label}: ${item.statusCode} ${item.statusMessage}`,
  );
}

function duplicates(values: string[]): string[] {
  const seen = new Set<string>();
  return values.filter((value) => (seen.has(value) ? true : (seen.add(value), false)));
}

async function linkedOnce(type: (typeof syncLinks.$inferSelect)["entityType"]) {
  const rows = await db.select({ localId: syncLinks.localId, qbId: syncLinks.qbId }).from(syncLinks).where(eq(syncLinks.entityType, type));
  expect(duplicates(rows.map((row) => String(row.localId)))).toEqual([]);
  expect(duplicates(rows.map((row) => row.qbId))).toEqual([]);
  return rows.length;
}

/** `numberClashes`: invoices still held back because the two sides use one number for different customers. */
async function expectBooksWithoutDuplicates(numberClashes = overlap.numberClashes) {
  expect(await failures()).toEqual([]);
  // QuickBooks holds each name and each invoice number once, and no payment twice.
  const refNumbers = company.list("Invoice").map((invoice) => String(invoice.RefNumber));
  expect(duplicates(refNumbers)).toEqual([]);
  const paymentKeys = company
    .list("ReceivePayment")
    .map(
      (payment) =>
        `${String((payment.CustomerRef as { ListID: string }).ListID)} ${String(payment.TxnDate)} ${String(payment.TotalAmount)} ${String(payment.RefNumber)}`,
    );
  expect(duplicates(paymentKeys)).toEqual([]);
  for (const kind of ["Customer", "Vendor", "ItemService", "ItemNonInventory", "PaymentMethod", "StandardTerms"] as const) {
    expect(duplicates(company.list(kind).map((record) => String(record.Name).toLowerCase())), kind).toEqual([]);
  }
  // And Ledgerbridge holds what QuickBooks holds, each linked once.
  // (An inactive customer QuickBooks never had is not created there: that is a rule, not a miss.)
  const neverInQuickBooks = and(
    eq(contacts.active, false),
    notExists(
      db
        .select()
        .from(syncLinks)
        .where(and(eq(syncLinks.entityType, contacts.kind), eq(syncLinks.localId, contacts.id))),
    ),
  );
  const [customerCount] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.kind, "customer"), not(neverInQuickBooks!)));
  expect(await linkedOnce("customer")).toBe(customerCount!.n);
  expect(company.count("Customer")).toBe(customerCount!.n);
  const [vendorCount] = await db
    .select({ n: count() })
    .from(contacts)
    .where(and(eq(contacts.kind, "vendor"), not(neverInQuickBooks!)));
  expect(await linkedOnce("vendor")).toBe(vendorCount!.n);
  const [itemCount] = await db.select({ n: count() }).from(items);
  expect(await linkedOnce("item")).toBe(itemCount!.n);
  expect(await linkedOnce("paymentMethod")).toBe((await db.select().from(paymentMethods)).length);
  expect(await linkedOnce("terms")).toBe((await db.select().from(terms)).length);
  // Invoices: all but the two that share a number with a different customer (each waits with a sentence).
  const [invoiceCount] = await db.select({ n: count() }).from(invoices).where(eq(invoices.status, "final"));
  expect(await linkedOnce("invoice")).toBe(invoiceCount!.n - numberClashes);
  await linkedOnce("payment");
  // Whatever is not linked waits with a reason a person can read: nothing is silently left behind.
  for (const [type, table] of [
    ["invoice", invoices],
    ["payment", payments],
  ] as const) {
    const unlinked = await db
      .select({ id: table.id })
      .from(table)
      .where(
        and(
          eq(table.ncOnly, false),
          notExists(
            db
              .select()
              .from(syncLinks)
              .where(and(eq(syncLinks.entityType, type), eq(syncLinks.localId, table.id))),
          ),
        ),
      );
    for (const { id } of unlinked) {
      if (type === "invoice" && (await db.select().from(invoices).where(eq(invoices.id, id)))[0]!.status !== "final") continue;
      const [item] = await db
        .select()
        .from(syncItems)
        .where(and(eq(syncItems.entityType, type), eq(syncItems.recordKey, `local:${id}`)));
      expect(item?.blockedReason ?? item?.waitingReason, `${type} ${id}`).toMatch(/held back|QuickBooks already has/);
    }
  }
}

describe("the first sync against QuickBooks books that already hold the same business", () => {
  it("matches what both sides hold and creates nothing twice when everything is approved as proposed", async () => {
    await syncWith(db, company);
    const status = await caller.sync.firstImport.status();
    expect(status.matches.linked + status.matches.differing).toBeGreaterThan(overlap.shared.customers);
    expect(status.summary).toMatch(/records are on both sides: \d+ identical and linked, \d+ differ/);
    // Each record on both sides is one decision: a Match row, never an import beside an export.
    const rows = await db.select().from(syncItems).where(eq(syncItems.state, "candidate"));
    const byLocal = rows.filter((row) => row.localId !== null).map((row) => `${row.entityType}:${row.localId}`);
    expect(duplicates(byLocal)).toEqual([]);
    expect(rows.filter((row) => row.action === "match").length).toBe(status.matches.differing);

    await syncUntilSettled();
    await expectBooksWithoutDuplicates();
    // The purchase orders on both sides are linked, none twice, and the one received in QuickBooks is received here.
    expect(overlap.shared.purchaseOrders).toBeGreaterThan(0);
    expect(company.count("PurchaseOrder")).toBe((await db.select().from(purchaseOrders)).length);
    expect(
      await db.select({ number: purchaseOrders.number }).from(purchaseOrders).where(eq(purchaseOrders.fullyReceived, true)),
    ).toHaveLength(1);
    // What stays in the wizard says why: the invoice numbers used for different customers on the two sides.
    const waiting = await heldBack();
    expect(waiting.map((row) => row.blockedReason)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Ledgerbridge keeps one invoice per number/),
        expect.stringMatching(/QuickBooks already has invoice \d+ for another customer/),
      ]),
    );
    expect(waiting.every((row) => row.blockedReason)).toBe(true);

    // Renumbering the one here lets both go: it is sent under its new number, and QuickBooks' one comes in.
    const held = waiting.find((row) => row.direction === "export" && row.entityType === "invoice")!;
    const invoice = await caller.invoices.get({ id: held.localId! });
    const renumbered = `${invoice.number}-2`;
    await caller.invoices.update({
      id: invoice.id,
      data: {
        number: renumbered,
        customerId: invoice.customerId,
        txnDate: invoice.txnDate,
        dueDate: invoice.dueDate,
        termsId: invoice.termsId,
        memo: invoice.memo,
        status: invoice.status,
        lines: invoice.lines.map((line) => ({
          itemId: line.itemId,
          description: line.description,
          quantity: line.quantity,
          rate: line.rateCents / 100,
        })),
      },
    });
    await caller.sync.discoverLocal();
    await syncUntilSettled();
    expect(await heldBack()).toEqual([]);
    expect(company.find("Invoice", renumbered)).toBeDefined();
    expect((await db.select().from(invoices).where(eq(invoices.number, invoice.number))).length).toBe(1);
    await expectBooksWithoutDuplicates(0);
  });

  it("ends the same when imports are approved first and exports after", async () => {
    await syncUntilSettled([{ section: "import" }, { section: "export" }]);
    await expectBooksWithoutDuplicates();
  });
});

describe("the same first sync through the Web Connector endpoint", () => {
  let server: AppServer;
  beforeAll(async () => {
    server = await startAppServer(TEST_CONNECTOR_ENV);
  });
  afterAll(() => server.stop());

  it("ends with QuickBooks free of duplicates and nothing in Unsynced Entities", async () => {
    // The server's own database file, seeded like a newcomer's after `npm run seed:demo`.
    db = openDatabase(server.databaseUrl);
    admin = await createTestUser(db, "admin");
    caller = callerFor(db, admin);
    await seedDemo(db, { today: "2025-06-30" });
    ({ company, summary: overlap } = await overlapCompany(db));

    await syncUntilSettled([{}], () => runWebConnector(server.url, company));

    await expectBooksWithoutDuplicates();
    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
  });
});
