import { beforeAll, describe, expect, it } from "vitest";
import {
  accountQueryRq,
  billAddRq,
  billModRq,
  billPaymentCheckModRq,
  billQueryRq,
  buildQbxml,
  parseQbxmlResponse,
  type QbxmlRequest,
} from "@/server/qbxml";
import { SimulatedCompany } from "@/scripts/simulator";
import { accountAdapter } from "@/server/sync/entities/accounts";
import { billAdapter, type LocalBill } from "@/server/sync/entities/bills";
import { billPaymentAdapter, type LocalBillPayment } from "@/server/sync/entities/bill-payments";
import type { RefResolver } from "@/server/sync/entities";
import { validateQbxml, type NamedXml, type SchemaVerdict } from "./support/qbxml-schema";
import { testClock } from "./support/simulator";

const clock = testClock();
const company = new SimulatedCompany({ now: clock.now });
const vendor = company.addVendor({ Name: "Green Valley Supply" });
const item = company.add("ItemNonInventory", {
  Name: "Mulch",
  SalesAndPurchase: { SalesPrice: "38.50", IncomeAccountRef: { FullName: "Materials Income" }, PurchaseCost: "12.50" },
});
const materials = company.find("Account", "Materials")!;

/** A bill as the engine holds it, with one line of each kind, its references resolved as a run resolves them. */
const bill: LocalBill = {
  id: 7,
  vendorId: 1,
  vendorName: "Green Valley Supply",
  proxiedVendorName: null,
  txnDate: "2024-03-01",
  dueDate: "2024-03-31",
  termsId: null,
  termsName: null,
  refNumber: "GV-4410",
  memo: "Spring materials",
  totalCents: 17000,
  purchaseOrderId: null,
  purchaseOrderNumber: null,
  expenseLines: [{ accountId: 1, accountName: "Materials", amountCents: 12000, memo: "Stone edging" }],
  itemLines: [
    {
      itemId: 1,
      itemName: "Mulch",
      description: "Bagged mulch",
      quantity: 4,
      costCents: 1250,
      amountCents: 5000,
      billsOrderLine: false,
      orderLineQbId: null,
    },
  ],
};
const IDS: Record<string, string | undefined> = { vendor: vendor.id, account: materials.id, item: item.id };
const refs: RefResolver = {
  ref: (type, _localId, name) => (IDS[type] ? { listId: IDS[type] } : { fullName: name }),
  qbId: () => undefined,
};
const link = { qbId: "TXN-1", editSequence: "1709560800" };

/** A check paying part of that bill, once the bill is in QuickBooks (its TxnID is filled in when sent). */
const check: LocalBillPayment = {
  id: 3,
  vendorId: 1,
  vendorName: "Green Valley Supply",
  proxiedVendorName: null,
  txnDate: "2024-03-15",
  bankAccountId: 2,
  bankAccountName: "Checking",
  refNumber: "5012",
  memo: "Part payment",
  amountCents: 10000,
  applications: [{ billId: 7, billLabel: "Bill GV-4410", amountCents: 10000 }],
};
const checkRefs: RefResolver = { ...refs, qbId: (type) => (type === "bill" ? "BILL-TXN" : undefined) };

/** Every request shape the engine sends for accounts and bills, built by the adapters as a run builds them. */
const requests: Record<string, QbxmlRequest> = {
  "AccountQueryRq of discovery": accountAdapter.discovery[0]!.build("2024-03-01T08:00:00", 500, { requestId: "acct" }),
  "AccountQueryRq by ListID": accountAdapter.queryById(materials.id, "acct-id"),
  "AccountQueryRq by full name": accountAdapter.queryForLookup(
    {
      id: 1,
      name: "Materials",
      fullName: "Materials",
      nameKey: "materials",
      accountType: "Expense",
      accountNumber: null,
      active: true,
      createdAt: new Date(),
      updatedAt: new Date(),
      updatedBy: null,
    },
    "acct-name",
  ),
  "BillQueryRq of discovery, starting its iterator": billAdapter.discovery[0]!.build("2024-03-01T08:00:00", 500, {
    requestId: "bill",
    iterator: "Start",
  }),
  "BillQueryRq by TxnID": billAdapter.queryById("TXN-1", "bill-id"),
  "BillQueryRq for a lookup by vendor and date": billAdapter.queryForLookup(bill, "bill-lookup"),
  "BillQueryRq unpaid by reference number": billQueryRq({
    refNumberFilter: { matchCriterion: "StartsWith", refNumber: "GV" },
    paidStatus: "NotPaidOnly",
  }),
  "BillAddRq with an expense line and an item line": billAdapter.addRq(bill, refs, "bill-add"),
  "BillModRq replacing both kinds of line": billAdapter.modRq(bill, link, refs, "bill-mod"),
  "BillModRq clearing the item lines": billAdapter.modRq({ ...bill, itemLines: [] }, link, refs, "bill-mod-clear"),
  "BillModRq clearing the expense lines": billModRq({
    ...link,
    txnId: link.qbId,
    expenseLines: [],
    itemLines: [{ item: { listId: item.id }, quantity: 16, cost: 1250 }],
    memo: "No freight",
  }),
  "BillAddRq naming an account QuickBooks lacks": billAddRq(
    { vendor: { listId: vendor.id }, expenseLines: [{ account: { fullName: "Landscaping Supplies" }, amount: 4000 }], itemLines: [] },
    { requestId: "bill-3140" },
  ),
  "AccountQueryRq of one type": accountQueryRq({ accountTypes: ["Expense"] }),
  "BillPaymentCheckQueryRq of discovery, starting its iterator": billPaymentAdapter.discovery[0]!.build("2024-03-01T08:00:00", 500, {
    requestId: "check",
    iterator: "Start",
  }),
  "BillPaymentCheckQueryRq by TxnID": billPaymentAdapter.queryById("TXN-2", "check-id"),
  "BillPaymentCheckQueryRq for a lookup by vendor and date": billPaymentAdapter.queryForLookup(check, "check-lookup"),
  "BillPaymentCheckAddRq paying a bill": billPaymentAdapter.addRq(check, checkRefs, "check-add"),
  "BillPaymentCheckAddRq without a check number, to be printed": billPaymentAdapter.addRq(
    { ...check, refNumber: null },
    checkRefs,
    "check-print",
  ),
  BillPaymentCheckModRq: billPaymentAdapter.modRq(check, { qbId: "TXN-2", editSequence: "1709560900" }, checkRefs, "check-mod"),
  "BillPaymentCheckModRq of the memo alone": billPaymentCheckModRq({ txnId: "TXN-2", editSequence: "1709560900", memo: "Paid" }),
};

let requestVerdicts: ReadonlyMap<string, SchemaVerdict>;
let answerVerdicts: ReadonlyMap<string, SchemaVerdict>;
const answers: NamedXml[] = [];

beforeAll(async () => {
  const documents = Object.entries(requests).map(([name, request]) => ({ name, xml: buildQbxml(request) }));
  // The simulator answers each request as QuickBooks would; its answers must be valid too.
  for (const document of documents) {
    clock.advance(1000);
    const sent = withCurrentCheck(withCurrentBill(document.xml));
    answers.push({ name: document.name, xml: company.handle(sent) });
  }
  requestVerdicts = await validateQbxml(documents);
  answerVerdicts = await validateQbxml(answers);
});

/** A Mod goes to the bill the Add created, at its current EditSequence; a check pays that bill. */
function withCurrentBill(xml: string): string {
  const [current] = company.list("Bill");
  if (!current) return xml;
  return xml
    .replace(
      /<TxnID>TXN-1<\/TxnID>\s*<EditSequence>[^<]*<\/EditSequence>/,
      `<TxnID>${current.id}</TxnID><EditSequence>${current.EditSequence}</EditSequence>`,
    )
    .replaceAll("BILL-TXN", current.id);
}

/** A check's Mod goes to the check the Add wrote, at its current EditSequence. */
function withCurrentCheck(xml: string): string {
  const [current] = company.list("BillPaymentCheck");
  if (!current) return xml;
  return xml.replace(
    /<TxnID>TXN-2<\/TxnID>\s*<EditSequence>[^<]*<\/EditSequence>/,
    `<TxnID>${current.id}</TxnID><EditSequence>${current.EditSequence}</EditSequence>`,
  );
}

describe("account and bill requests", () => {
  it.each(Object.keys(requests))("%s validates against the qbXML 13.0 schema", (name) => {
    expect(requestVerdicts.get(name)).toEqual({ valid: true, errors: [] });
  });

  it("puts every expense line before the first item line, as the schema orders them", () => {
    const xml = requests["BillAddRq with an expense line and an item line"]!.xml;
    expect(xml.indexOf("<ExpenseLineAdd>")).toBeLessThan(xml.indexOf("<ItemLineAdd>"));
  });
});

describe("the simulator's answers", () => {
  it.each(Object.keys(requests))("the answer to %s validates against the qbXML 13.0 schema", (name) => {
    expect(answerVerdicts.get(name)).toEqual({ valid: true, errors: [] });
  });

  it("answers a bill naming an unknown account with 3140 and keeps QuickBooks' amounts on the others", () => {
    const status = (name: string) => parseQbxmlResponse(answers.find((answer) => answer.name === name)!.xml)[0]!;
    expect(status("BillAddRq naming an account QuickBooks lacks")).toMatchObject({ statusCode: 3140 });
    const added = status("BillAddRq with an expense line and an item line");
    expect(added).toMatchObject({ statusCode: 0 });
    expect(added.records[0]).toMatchObject({ kind: "Bill", amountDue: 17000, openAmount: 17000, isPaid: false });
    const cleared = status("BillModRq clearing the item lines");
    expect(cleared.records[0]).toMatchObject({ kind: "Bill", itemLines: [], amountDue: 12000 });
  });

  it("writes a check against the bill, which QuickBooks then shows with less open", () => {
    const status = (name: string) => parseQbxmlResponse(answers.find((answer) => answer.name === name)!.xml)[0]!;
    expect(status("BillPaymentCheckAddRq paying a bill").records[0]).toMatchObject({
      kind: "BillPaymentCheck",
      refNumber: "5012",
      amount: 10000,
      appliedTo: [{ refNumber: "GV-4410", amount: 10000 }],
    });
    expect(status("BillPaymentCheckAddRq without a check number, to be printed").records[0]).toMatchObject({ isToBePrinted: true });
    expect(company.list("Bill")[0]).toMatchObject({ OpenAmount: "0.00", IsPaid: "true" });
  });
});
