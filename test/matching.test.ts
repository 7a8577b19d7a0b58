import { and, eq, ne } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import type { Database } from "@/db";
import { contacts, paymentMethods, payments, quickbooksRecords, syncAudit, syncItems, syncLinks } from "@/db/schema";
import type { SessionUser } from "@/lib/roles";
import type { SimulatedCompany } from "@/scripts/simulator";
import { parseQbxmlResponse } from "@/server/qbxml";
import type { EntityType } from "@/server/sync/entities";
import { readStoredForMessage, rememberOtherItems } from "@/server/sync/matching";
import { callerFor, createTestUser } from "./support/callers";
import { createTestDatabase } from "./support/database";
import { testCompany } from "./support/simulator";
import { firstImport, runSync, syncWith } from "./support/sync-driver";

// A record already on the other side is one decision, whatever its type and however its name is spelt.
let db: Database;
let admin: SessionUser;
let caller: ReturnType<typeof callerFor>;
let company: SimulatedCompany;

beforeEach(async () => {
  db = await createTestDatabase();
  admin = await createTestUser(db, "admin");
  caller = callerFor(db, admin);
  ({ company } = testCompany());
});

const sync = () => syncWith(db, company);
const approveAll = () => caller.sync.approve({ checked: { filter: {} }, uncheckedRule: "keep" });

/**
 * QuickBooks answering a message whose requests up to the last `marker` run, then `meanwhile` happens (someone at
 * the office PC), then the rest run: one answer, as QuickBooks gives it.
 */
function answerAround(xml: string, marker: string, meanwhile: () => void): string {
  const split = xml.indexOf("\n", xml.lastIndexOf(marker));
  if (xml.lastIndexOf(marker) < 0) return company.handle(xml);
  const close = xml.indexOf("  </QBXMLMsgsRq>");
  const open = xml.slice(0, xml.indexOf(">", xml.indexOf("<QBXMLMsgsRq")) + 1);
  const first = company.handle(`${xml.slice(0, split)}\n${xml.slice(close)}`);
  meanwhile();
  const second = company.handle(`${open}${xml.slice(split, close)}${xml.slice(close)}`);
  const body = (answer: string) => /<QBXMLMsgsRs[^>]*>([\s\S]*)<\/QBXMLMsgsRs>/.exec(answer)?.[1] ?? "";
  return first.replace(/<\/QBXMLMsgsRs>/, `${body(second)}</QBXMLMsgsRs>`);
}

async function rowsOf(label: string) {
  return (await db.select().from(syncItems)).filter((row) => row.label.trim() === label);
}

async function matchOf(label: string) {
  const rows = await rowsOf(label);
  const match = rows.find((row) => row.action === "match" && row.state === "candidate");
  expect(match, `a Match row for ${label}`).toBeDefined();
  return match!;
}

async function linkOf(type: "customer" | "paymentMethod", localId: number) {
  const [link] = await db
    .select()
    .from(syncLinks)
    .where(and(eq(syncLinks.entityType, type), eq(syncLinks.localId, localId)));
  return link;
}

describe("matching on the first sync", () => {
  it("takes names that differ only in case or surrounding spaces as the same record, for lists and customers", async () => {
    const card = await caller.paymentMethods.create({ name: "mastercard" });
    const dental = await caller.customers.create({ name: "harbor dental", phone: "919-555-0101" });
    company.addCustomer({ Name: "Harbor Dental ", Phone: "919-555-0101" });

    await sync();

    // One Match each, and no Add beside it: approving everything as proposed creates nothing twice.
    expect((await rowsOf("mastercard")).map((row) => row.direction)).toEqual([]);
    expect((await matchOf("MasterCard")).localId).toBe(card.id);
    expect((await matchOf("Harbor Dental")).localId).toBe(dental.id);
    await approveAll();
    await sync();
    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
    expect(company.list("PaymentMethod").filter((method) => String(method.Name).toLowerCase() === "mastercard")).toHaveLength(1);
    expect(company.list("Customer")).toHaveLength(1);
    const [renamed] = await db.select().from(paymentMethods).where(eq(paymentMethods.id, card.id));
    expect(renamed!.name).toBe("MasterCard");
    expect(await linkOf("paymentMethod", card.id)).toBeDefined();
    expect(await linkOf("customer", dental.id)).toBeDefined();
  });

  it("links a record identical on both sides at once and counts it in the first import's summary", async () => {
    const customer = await caller.customers.create({ name: "Maple Court HOA", email: "board@maplecourt.example" });
    company.addCustomer({ Name: "Maple Court HOA", Email: "board@maplecourt.example" });

    await sync();

    expect(await linkOf("customer", customer.id)).toBeDefined();
    expect(await rowsOf("Maple Court HOA")).toEqual([]);
    const status = await caller.sync.firstImport.status();
    expect(status.matches).toMatchObject({ linked: 1, differing: 0 });
    expect(status.summary).toContain("1 record is on both sides: 1 identical and linked, 0 differ.");
  });
});

describe("deciding a Match", () => {
  async function matchedCustomer() {
    // A company with nothing else in it: the match is the first import's only decision.
    ({ company } = testCompany({}, { starterLists: false }));
    const customer = await caller.customers.create({ name: "Birchwood Dental", phone: "919-555-0111", email: "office@birchwood.example" });
    company.addCustomer({ Name: "Birchwood Dental", Phone: "919-555-0199", Email: "office@birchwood.example" });
    await sync();
    return { customer, match: await matchOf("Birchwood Dental") };
  }

  it("shows both versions field by field", async () => {
    const { match } = await matchedCustomer();
    const [row] = (await caller.sync.candidates({ section: "import", search: "Birchwood" })).rows;
    expect(row).toMatchObject({ id: match.id, action: "match", label: "Birchwood Dental" });
    expect(row!.diff).toEqual(
      expect.arrayContaining([
        { field: "phone", base: null, ledgerbridge: "919-555-0111", quickbooks: "919-555-0199" },
        { field: "email", base: null, ledgerbridge: "office@birchwood.example", quickbooks: "office@birchwood.example" },
      ]),
    );
    // The summary does not count it as missing in QuickBooks: it is there, only not linked yet.
    const customers = (await caller.sync.summary()).types.find((type) => type.type === "customer")!;
    expect(customers.ledgerbridge).toMatchObject({ inScope: 1, notInQuickBooks: 0 });
  });

  it("links and takes QuickBooks' values", async () => {
    const { customer, match } = await matchedCustomer();
    expect(await caller.sync.resolveMatch({ id: match.id, choose: "quickbooks" })).toMatchObject({ outcome: "importing" });
    await sync();
    const [local] = await db.select().from(contacts).where(eq(contacts.id, customer.id));
    expect(local!.phone).toBe("919-555-0199");
    expect(await linkOf("customer", customer.id)).toBeDefined();
    expect(company.list("Customer")).toHaveLength(1);
  });

  it("undoes an applied match: the record goes back as it was, unlinked, and the next run offers the match again", async () => {
    const { customer, match } = await matchedCustomer();
    await caller.sync.resolveMatch({ id: match.id, choose: "quickbooks" });
    await sync();
    const undone = await caller.sync.undoImport.run();
    expect(undone.sentences).toContain("Restored and unlinked 1 customer matched by the import.");
    const [local] = await db.select().from(contacts).where(eq(contacts.id, customer.id));
    expect(local!.phone).toBe("919-555-0111");
    expect(await linkOf("customer", customer.id)).toBeUndefined();
    await sync();
    expect((await matchOf("Birchwood Dental")).localId).toBe(customer.id);
    expect(company.list("Customer")).toHaveLength(1);
  });

  it("links and sends Ledgerbridge's values to QuickBooks as a change, not a second customer", async () => {
    const { customer, match } = await matchedCustomer();
    // Exports open with the first import: the match was its only import to decide.
    expect(await caller.sync.resolveMatch({ id: match.id, choose: "ledgerbridge" })).toMatchObject({ outcome: "sending" });
    expect(await linkOf("customer", customer.id)).toBeDefined();
    await sync();
    expect(company.list("Customer")).toHaveLength(1);
    expect(company.find("Customer", "Birchwood Dental")!.Phone).toBe("919-555-0111");
    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
  });

  it("keeps them apart: each waits until the one here is renamed, then both sides hold both", async () => {
    const { customer, match } = await matchedCustomer();
    const kept = await caller.sync.resolveMatch({ id: match.id, choose: "apart" });
    expect(kept.message).toBe(
      'Kept apart: QuickBooks\' Birchwood Dental is offered for import as a record of its own. Give "Birchwood Dental" another name before it can be sent to QuickBooks.',
    );
    await caller.sync.discoverLocal();
    const rows = await rowsOf("Birchwood Dental");
    expect(rows.find((row) => row.direction === "import")!.blockedReason).toBe(
      'Kept apart from customer "Birchwood Dental" here, which has the same name: rename the one here, and this one is imported at the next run.',
    );
    expect(rows.find((row) => row.direction === "export")!.blockedReason).toBe(
      'QuickBooks already has a customer named "Birchwood Dental" (kept apart from this one). Give this customer another name (for example "Birchwood Dental 2") before it is sent.',
    );

    await caller.customers.update({ id: customer.id, data: { name: "Birchwood Dental (Cary)", phone: "919-555-0111" } });
    await caller.sync.discoverLocal();
    await approveAll();
    await sync();
    expect(
      company
        .list("Customer")
        .map((record) => record.Name)
        .sort(),
    ).toEqual(["Birchwood Dental", "Birchwood Dental (Cary)"]);
    const here = await db.select({ name: contacts.name }).from(contacts).where(eq(contacts.kind, "customer"));
    expect(here.map((row) => row.name).sort()).toEqual(["Birchwood Dental", "Birchwood Dental (Cary)"]);
    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
  });

  it("asks which one when several records here may be QuickBooks' one, and links the one picked", async () => {
    const customer = company.addCustomer({ Name: "Oak Hill Farm" });
    await firstImport(db, caller, company);
    const [local] = await db.select().from(contacts).where(eq(contacts.name, "Oak Hill Farm"));
    const payment = { customerId: local!.id, txnDate: "2024-05-04", amount: "45", refNumber: "", applications: [] };
    const first = await caller.payments.create({ ...payment, memo: "cash in the office" });
    const second = await caller.payments.create({ ...payment, memo: "left at the door" });
    company.receivePayment({ CustomerRef: { ListID: customer.id }, TxnDate: "2024-05-04", TotalAmount: "45.00" });
    await sync();

    const match = (await db.select().from(syncItems).where(eq(syncItems.action, "match")))[0]!;
    expect(match.localId).toBeNull();
    expect(JSON.parse(match.matchChoices!).map((choice: { localId: number }) => choice.localId)).toEqual([first.id, second.id]);
    // Approve Checked passes it by: it waits for a pick, and neither payment is sent meanwhile.
    await approveAll();
    await sync();
    expect(company.count("ReceivePayment")).toBe(1);
    expect((await db.select().from(syncItems).where(eq(syncItems.id, match.id)))[0]!.state).toBe("candidate");

    await caller.sync.resolveMatch({ id: match.id, choose: "quickbooks", localId: second.id });
    await sync();
    const [link] = await db.select().from(syncLinks).where(eq(syncLinks.entityType, "payment"));
    expect(link!.localId).toBe(second.id);
  });

  it("keeps a QuickBooks payment apart from every payment here that looked like it, and then each side holds all three", async () => {
    const customer = company.addCustomer({ Name: "Oak Hill Farm" });
    await firstImport(db, caller, company);
    const [local] = await db.select().from(contacts).where(eq(contacts.name, "Oak Hill Farm"));
    const payment = { customerId: local!.id, txnDate: "2024-05-04", amount: "45", refNumber: "", applications: [] };
    await caller.payments.create({ ...payment, memo: "cash in the office" });
    await caller.payments.create({ ...payment, memo: "left at the door" });
    company.receivePayment({ CustomerRef: { ListID: customer.id }, TxnDate: "2024-05-04", TotalAmount: "45.00" });
    await sync();
    const match = (await db.select().from(syncItems).where(eq(syncItems.action, "match")))[0]!;

    expect((await caller.sync.resolveMatch({ id: match.id, choose: "apart" })).outcome).toBe("apart");
    await caller.sync.discoverLocal();
    await approveAll();
    await sync();
    expect(company.count("ReceivePayment")).toBe(3);
    expect(await db.select().from(payments)).toHaveLength(3);
    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
  });
});

describe("later runs", () => {
  it("reads what it holds for a whole message's records at once, and a record two lists return with its own page", async () => {
    company.addCustomer({ Name: "Birch Hollow Dental", Phone: "919-555-0131" });
    company.addCustomer({ Name: "Maple Row Florist", Phone: "919-555-0132" });
    await firstImport(db, caller, company);
    const [customer, other] = await db
      .select()
      .from(quickbooksRecords)
      .where(eq(quickbooksRecords.entityType, "customer"))
      .orderBy(quickbooksRecords.qbId)
      .limit(2);
    const [elsewhere] = await db.select().from(quickbooksRecords).where(ne(quickbooksRecords.entityType, "customer")).limit(1);
    const stored = await readStoredForMessage(db, [
      { type: "customer", qbIds: [customer!.qbId, other!.qbId, "80000999-0000000000"] },
      { type: elsewhere!.entityType as EntityType, qbIds: [elsewhere!.qbId] },
      { type: "customer", qbIds: [other!.qbId] },
    ]);
    const key = (type: string, qbId: string) => `${type}:${qbId}`;
    // The record both lists returned is left out; the one QuickBooks holds but this side never saw is known to be absent.
    expect([...stored.keys].sort()).toEqual(
      [key("customer", customer!.qbId), key("customer", "80000999-0000000000"), key(elsewhere!.entityType, elsewhere!.qbId)].sort(),
    );
    expect(stored.records.get(key("customer", customer!.qbId))).toMatchObject({ label: customer!.label, fields: customer!.fields });
    expect(stored.records.has(key("customer", "80000999-0000000000"))).toBe(false);
    const [link] = await db
      .select()
      .from(syncLinks)
      .where(and(eq(syncLinks.entityType, "customer"), eq(syncLinks.qbId, customer!.qbId)));
    expect(stored.links.get(key("customer", customer!.qbId))).toEqual(link);
    expect(stored.links.has(key("customer", other!.qbId))).toBe(false);
  });

  it("matches a record created on both sides between runs, instead of adding it", async () => {
    await firstImport(db, caller, company);
    company.addCustomer({ Name: "Cedar Lane Apartments", Phone: "919-555-0150" });
    const customer = await caller.customers.create({ name: "Cedar Lane Apartments", phone: "919-555-0150" });
    await sync();
    expect(await linkOf("customer", customer.id)).toBeDefined();
    expect(await rowsOf("Cedar Lane Apartments")).toEqual([]);
  });

  it("offers a Match instead of an Add for a record created here that an earlier run read in QuickBooks", async () => {
    company.addCustomer({ Name: "Elm Street Bakery", Phone: "919-555-0177" });
    // The office cleared QuickBooks' customer on the first import; later someone enters it here too.
    await syncWith(db, company);
    await caller.sync.approve({ checked: [], uncheckedRule: "clear" });
    const customer = await caller.customers.create({ name: "elm street bakery", phone: "919-555-0178" });
    await caller.sync.discoverLocal();

    const rows = await rowsOf("Elm Street Bakery");
    expect(rows.map((row) => [row.direction, row.action, row.state, row.localId])).toEqual([["import", "match", "candidate", customer.id]]);
    expect(await rowsOf("elm street bakery")).toEqual([]);
  });

  it("never sends an approved Add for a name a run has since found in QuickBooks: the same record is linked", async () => {
    await firstImport(db, caller, company);
    await caller.customers.create({ name: "Pine Grove School" });
    await caller.sync.discoverLocal();
    await approveAll();
    // Another user holds the list for the Add; meanwhile the same customer is entered in QuickBooks, and the queries
    // that follow the Add in the run's message read it.
    company.failNextWrites(1);
    await runSync(db, (xml) =>
      answerAround(xml, "<CustomerAddRq", () => {
        company.addCustomer({ Name: "Pine Grove School" });
      }),
    );
    company.endSession();
    await sync();
    expect(company.list("Customer").filter((record) => record.Name === "Pine Grove School")).toHaveLength(1);
    const [item] = await rowsOf("Pine Grove School");
    // The run that read it linked the two (identical); the approved Add then had nothing to send.
    expect(item).toMatchObject({
      direction: "export",
      state: "succeeded",
      statusMessage: "Nothing to send: QuickBooks already holds this version (linked).",
    });
  });

  it("holds back a payment whose reference number QuickBooks holds for another payment of that customer, with a suggestion", async () => {
    const customer = company.addCustomer({ Name: "Oak Hill Farm" });
    company.receivePayment({ CustomerRef: { ListID: customer.id }, TxnDate: "2024-05-04", TotalAmount: "100.00", RefNumber: "CHK-7" });
    await firstImport(db, caller, company);
    const [local] = await db.select().from(contacts).where(eq(contacts.name, "Oak Hill Farm"));
    await caller.payments.create({ customerId: local!.id, txnDate: "2024-05-20", amount: "50", refNumber: "CHK-7", applications: [] });
    await caller.sync.discoverLocal();
    const held = (
      await db
        .select()
        .from(syncItems)
        .where(and(eq(syncItems.entityType, "payment"), eq(syncItems.direction, "export")))
    )[0]!;
    expect(held.blockedReason).toMatch(
      /^QuickBooks already has a payment from this customer with the same reference number \(.+\) but a different date or amount\. Correct the reference number \(for example to CHK-7-2\) before it is sent\.$/,
    );
  });

  it("holds back an item whose name QuickBooks gives to an item of a kind Ledgerbridge does not sync", async () => {
    await firstImport(db, caller, company);
    // What an ItemQuery by name answers when QuickBooks keeps "Mulch" as an inventory part (read back after a 3100).
    const [answer] =
      parseQbxmlResponse(`<?xml version="1.0"?><QBXML><QBXMLMsgsRs><ItemQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK">
      <ItemInventoryRet><ListID>80000099-1700000000</ListID><TimeCreated>2024-01-02T10:00:00-05:00</TimeCreated><TimeModified>2024-01-02T10:00:00-05:00</TimeModified><EditSequence>1700000000</EditSequence><Name>Mulch</Name><FullName>Mulch</FullName><IsActive>true</IsActive></ItemInventoryRet>
      </ItemQueryRs></QBXMLMsgsRs></QBXML>`);
    await rememberOtherItems(db, answer!.records, new Date());
    await caller.items.create({ kind: "non_inventory", name: "mulch", salesPrice: "38.50", incomeAccount: "Materials Income" });
    await caller.sync.discoverLocal();
    const [held] = await rowsOf("mulch");
    expect(held!.blockedReason).toBe(
      'QuickBooks already has an item named "Mulch (inventory part)". Give this item another name (for example "mulch 2") before it is sent.',
    );
  });

  it("lets office staff link a 3100 to QuickBooks' record of that name in one click, after seeing its fields", async () => {
    await firstImport(db, caller, company);
    const customer = await caller.customers.create({ name: "Willow Creek Dental", phone: "919-555-0123" });
    await caller.sync.discoverLocal();
    await approveAll();
    // Entered in QuickBooks after the last run read it: the Add meets it (3100), and the run reads that record.
    company.addCustomer({ Name: "Willow Creek Dental", Phone: "919-555-0999" });
    await sync();

    const staff = callerFor(db, await createTestUser(db, "staff"));
    const [failed] = (await staff.sync.unsynced({})).rows;
    expect(failed).toMatchObject({ statusCode: "3100", foundIn: "quickbooks", linkTo: { label: "Willow Creek Dental" } });
    expect(failed!.linkTo!.fields).toMatchObject({ name: "Willow Creek Dental", phone: "919-555-0999" });

    await staff.sync.linkFailed({ id: failed!.id, choose: "quickbooks" });
    expect(await staff.sync.unsynced({})).toMatchObject({ total: 0 });
    await sync();
    expect(await linkOf("customer", customer.id)).toBeDefined();
    const [local] = await db.select().from(contacts).where(eq(contacts.id, customer.id));
    expect(local!.phone).toBe("919-555-0999");
    expect(company.list("Customer")).toHaveLength(1);
  });
});

describe("Unsynced Entities can reach zero", () => {
  async function failedVendorClash() {
    await firstImport(db, caller, company);
    await caller.customers.create({ name: "Oak Hill Farm" });
    await caller.sync.discoverLocal();
    await approveAll();
    company.addVendor({ Name: "Oak Hill Farm" });
    await sync();
    const [failed] = (await caller.sync.unsynced({})).rows;
    expect(failed).toMatchObject({ statusCode: "3100", linkTo: null });
    return failed!;
  }

  it("renames a record in place after a 3100 and sends it again, in one step anyone may take", async () => {
    const failed = await failedVendorClash();
    expect(failed).toMatchObject({ canRename: true });
    // The run read the vendor that holds the name: it cannot be this customer, so no link is offered.
    expect(failed.guidance.resolution).toBe(
      'QuickBooks gives the name "Oak Hill Farm" to a vendor "Oak Hill Farm" (customers, vendors and employees share one list of names there), which cannot be this customer. Rename it here (add the town or a number) and press Resync, or dismiss it if it should not be in QuickBooks.',
    );
    const staff = callerFor(db, await createTestUser(db, "staff"));
    await expect(staff.sync.renameAndResync({ id: failed.id, name: "" })).rejects.toThrow("Enter the new name.");
    await staff.sync.renameAndResync({ id: failed.id, name: "Oak Hill Farm (Apex)" });
    await sync();
    expect(company.find("Customer", "Oak Hill Farm (Apex)")).toBeDefined();
    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
    const [audit] = await db
      .select()
      .from(syncAudit)
      .where(and(eq(syncAudit.syncItemId, failed.id), eq(syncAudit.action, "resync")));
    expect(audit!.detail).toBe('Renamed "Oak Hill Farm" to "Oak Hill Farm (Apex)" and resynced');
  });

  it("dismisses a failure with a reason, in the audit log, and restores it", async () => {
    const failed = await failedVendorClash();
    await expect(caller.sync.dismissFailures({ ids: [failed.id], reason: "" })).rejects.toThrow(
      "Say why, in a few words: the audit log keeps it.",
    );
    await caller.sync.dismissFailures({ ids: [failed.id], reason: "The farm is only a vendor for us" });

    expect(await caller.sync.unsynced({})).toMatchObject({ total: 0 });
    expect((await caller.sync.unsynced({ dismissed: true })).rows.map((row) => [row.label, row.dismissedReason])).toEqual([
      ["Oak Hill Farm", "The farm is only a vendor for us"],
    ]);
    const audit = await db.select().from(syncAudit).where(eq(syncAudit.action, "dismiss_failure"));
    expect(audit.map((row) => [row.syncItemId, row.detail])).toEqual([
      [failed.id, "Dismissed the failure: The farm is only a vendor for us"],
    ]);

    await caller.sync.restoreFailures({ ids: [failed.id] });
    expect((await caller.sync.unsynced({})).rows.map((row) => row.id)).toEqual([failed.id]);
    expect(await db.select().from(syncAudit).where(eq(syncAudit.action, "restore"))).toHaveLength(1);
  });

  it("says when a failure was found on Ledgerbridge's side rather than refused by QuickBooks", async () => {
    await firstImport(db, caller, company);
    const customer = await caller.customers.create({ name: "Short Lived LLC" });
    await caller.sync.discoverLocal();
    await approveAll();
    await db.delete(contacts).where(eq(contacts.id, customer.id));
    await sync();
    const [failed] = (await caller.sync.unsynced({})).rows;
    expect(failed).toMatchObject({ foundIn: "ledgerbridge", statusCode: null });
  });
});
