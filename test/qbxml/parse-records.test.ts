import { beforeAll, describe, expect, it } from "vitest";
import { parseQbxmlResponse, recordsOfKind, type QbxmlResponse } from "@/server/qbxml";
import { validateQbxml, type SchemaVerdict } from "@/test/support/qbxml-schema";

const CORE = `<TimeCreated>2024-03-01T09:00:00-05:00</TimeCreated><TimeModified>2024-03-02T10:00:00-05:00</TimeModified>`;
const ok = (type: string, requestId: string, body: string) =>
  `<${type}Rs requestID="${requestId}" statusCode="0" statusSeverity="Info" statusMessage="Status OK">${body}</${type}Rs>`;

// Response fixtures for the Ret types the examples do not cover; the schema check below keeps them honest.
const RESPONSE = `<?xml version="1.0" ?>
<QBXML><QBXMLMsgsRs>
${ok(
  "VendorQuery",
  "v",
  `<VendorRet><ListID>80000030-1709000000</ListID>${CORE}<EditSequence>1709000001</EditSequence>
  <Name>Northfield Flour Mill</Name><IsActive>true</IsActive><CompanyName>Northfield Flour Mill Inc.</CompanyName>
  <VendorAddress><Addr1>40 Mill Race Road</Addr1><City>Northfield</City><State>MN</State><PostalCode>55057</PostalCode></VendorAddress>
  <Phone>507-555-0110</Phone><NameOnCheck>Northfield Flour Mill Inc.</NameOnCheck><AccountNumber>HLB-2201</AccountNumber>
  <TermsRef><ListID>30000-1700000004</ListID><FullName>Net 15</FullName></TermsRef><VendorTaxIdent>12-3456789</VendorTaxIdent>
  <IsVendorEligibleFor1099>false</IsVendorEligibleFor1099><Balance>-12.34</Balance></VendorRet>`,
)}
${ok(
  "ItemServiceQuery",
  "s",
  `<ItemServiceRet><ListID>80000040-1709300000</ListID>${CORE}<EditSequence>1709300000</EditSequence>
  <Name>Catering Setup</Name><FullName>Catering Setup</FullName><IsActive>true</IsActive><Sublevel>0</Sublevel>
  <SalesTaxCodeRef><FullName>Non</FullName></SalesTaxCodeRef>
  <SalesOrPurchase><Desc>On-site catering setup, per hour</Desc><Price>65.00</Price><AccountRef><FullName>Services Income</FullName></AccountRef></SalesOrPurchase></ItemServiceRet>`,
)}
${ok(
  "ItemNonInventoryQuery",
  "n",
  `<ItemNonInventoryRet><ListID>80000041-1709300000</ListID>${CORE}<EditSequence>1709300001</EditSequence>
  <Name>Sourdough Loaf</Name><FullName>Breads:Sourdough Loaf</FullName><IsActive>true</IsActive><ParentRef><FullName>Breads</FullName></ParentRef><Sublevel>1</Sublevel>
  <ManufacturerPartNumber>SD-800</ManufacturerPartNumber>
  <SalesAndPurchase><SalesDesc>Sourdough loaf, 800 g</SalesDesc><SalesPrice>7.125</SalesPrice><IncomeAccountRef><FullName>Sales Income</FullName></IncomeAccountRef>
  <PurchaseDesc>Wholesale</PurchaseDesc><PurchaseCost>3.10</PurchaseCost><ExpenseAccountRef><FullName>Cost of Goods Sold</FullName></ExpenseAccountRef>
  <PrefVendorRef><FullName>Northfield Flour Mill</FullName></PrefVendorRef></SalesAndPurchase>
  <DataExtRet><OwnerID>0</OwnerID><DataExtName>Shelf life</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>3 days</DataExtValue></DataExtRet></ItemNonInventoryRet>`,
)}
${ok("PaymentMethodQuery", "p", `<PaymentMethodRet><ListID>60000-1700000001</ListID>${CORE}<EditSequence>1700000001</EditSequence><Name>Check</Name><IsActive>true</IsActive><PaymentMethodType>Check</PaymentMethodType></PaymentMethodRet>`)}
${ok("StandardTermsQuery", "t", `<StandardTermsRet><ListID>30000-1700000005</ListID>${CORE}<EditSequence>1700000005</EditSequence><Name>2% 10 Net 30</Name><IsActive>false</IsActive><StdDueDays>30</StdDueDays><StdDiscountDays>10</StdDiscountDays><DiscountPct>2.00</DiscountPct></StandardTermsRet>`)}
${ok("AccountQuery", "a", `<AccountRet><ListID>80000007-1700000010</ListID>${CORE}<EditSequence>1700000010</EditSequence><Name>Services Income</Name><FullName>Income:Services Income</FullName><IsActive>true</IsActive><Sublevel>1</Sublevel><AccountType>Income</AccountType><AccountNumber>4100</AccountNumber><Desc>Catering and setup</Desc><Balance>0.00</Balance><TotalBalance>1234.56</TotalBalance></AccountRet>`)}
${ok("SalesTaxCodeQuery", "c", `<SalesTaxCodeRet><ListID>10000-1700000001</ListID>${CORE}<EditSequence>1700000001</EditSequence><Name>Tax</Name><IsActive>true</IsActive><IsTaxable>true</IsTaxable><Desc>Taxable Sales</Desc></SalesTaxCodeRet>`)}
${ok("ClassQuery", "k", `<ClassRet><ListID>70000-1700000001</ListID>${CORE}<EditSequence>1700000001</EditSequence><Name>Wholesale</Name><FullName>Sales:Wholesale</FullName><IsActive>true</IsActive><ParentRef><ListID>70000-1700000000</ListID></ParentRef><Sublevel>1</Sublevel></ClassRet>`)}
${ok(
  "ReceivePaymentQuery",
  "r",
  `<ReceivePaymentRet><TxnID>1B2-1711700000</TxnID>${CORE}<EditSequence>1711700000</EditSequence><TxnNumber>420</TxnNumber>
  <CustomerRef><ListID>80000021-1709280000</ListID><FullName>Harbor Light Bakery</FullName></CustomerRef>
  <ARAccountRef><FullName>Accounts Receivable</FullName></ARAccountRef><TxnDate>2024-03-29</TxnDate><RefNumber>CHK-20931</RefNumber>
  <TotalAmount>570.00</TotalAmount><PaymentMethodRef><FullName>Check</FullName></PaymentMethodRef><Memo>Payment for LB-5001 and LB-5002</Memo>
  <DepositToAccountRef><FullName>Undeposited Funds</FullName></DepositToAccountRef><UnusedPayment>0.00</UnusedPayment><UnusedCredits>0.00</UnusedCredits>
  <AppliedToTxnRet><TxnID>1A7-1710500000</TxnID><TxnType>Invoice</TxnType><TxnDate>2024-03-15</TxnDate><RefNumber>LB-5001</RefNumber><BalanceRemaining>0.00</BalanceRemaining><Amount>375.00</Amount></AppliedToTxnRet>
  <AppliedToTxnRet><TxnID>1B0-1710950400</TxnID><TxnType>Invoice</TxnType><TxnDate>2024-03-20</TxnDate><RefNumber>LB-5002</RefNumber><BalanceRemaining>0.01</BalanceRemaining><Amount>194.99</Amount><DiscountAmount>0.00</DiscountAmount></AppliedToTxnRet>
  </ReceivePaymentRet>`,
)}
${ok(
  "InvoiceQuery",
  "i",
  `<InvoiceRet><TxnID>1A7-1710500000</TxnID>${CORE}<EditSequence>1711700001</EditSequence>
  <CustomerRef><ListID>80000021-1709280000</ListID></CustomerRef><TxnDate>2024-03-15</TxnDate><RefNumber>LB-5001</RefNumber>
  <Subtotal>375.00</Subtotal><BalanceRemaining>0.00</BalanceRemaining><IsPaid>true</IsPaid>
  <LinkedTxn><TxnID>1B2-1711700000</TxnID><TxnType>ReceivePayment</TxnType><TxnDate>2024-03-29</TxnDate><RefNumber>CHK-20931</RefNumber><LinkType>AMTTYPE</LinkType><Amount>-375.00</Amount></LinkedTxn>
  <InvoiceLineRet><TxnLineID>1A9-1710500000</TxnLineID><ItemRef><FullName>Sourdough Loaf</FullName></ItemRef><Quantity>24</Quantity><Rate>7.50</Rate><Amount>180.00</Amount>
    <DataExtRet><OwnerID>0</OwnerID><DataExtName>Batch</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>B-17</DataExtValue></DataExtRet></InvoiceLineRet>
  <InvoiceLineGroupRet><TxnLineID>1AB-1710500000</TxnLineID><ItemGroupRef><FullName>Party Pack</FullName></ItemGroupRef><IsPrintItemsInGroup>false</IsPrintItemsInGroup><TotalAmount>195.00</TotalAmount>
    <InvoiceLineRet><TxnLineID>1AC-1710500000</TxnLineID><ItemRef><FullName>Catering Setup</FullName></ItemRef><Quantity>3</Quantity><Rate>65.00</Rate><Amount>195.00</Amount></InvoiceLineRet></InvoiceLineGroupRet>
  <DataExtRet><OwnerID>0</OwnerID><DataExtName>Order</DataExtName><DataExtType>STR255TYPE</DataExtType><DataExtValue>5001</DataExtValue></DataExtRet>
  </InvoiceRet>`,
)}
${ok("TxnDeletedQuery", "d", `<TxnDeletedRet><TxnDelType>Invoice</TxnDelType><TxnID>1A5-1710000000</TxnID><TimeCreated>2024-03-01T08:00:00-05:00</TimeCreated><TimeDeleted>2024-03-09T17:00:00-05:00</TimeDeleted><RefNumber>LB-4999</RefNumber></TxnDeletedRet>`)}
</QBXMLMsgsRs></QBXML>`;

let verdict: SchemaVerdict | undefined;
let responses: QbxmlResponse[];

beforeAll(async () => {
  verdict = (await validateQbxml([{ name: "fixture", xml: RESPONSE }])).get("fixture");
  responses = parseQbxmlResponse(RESPONSE);
});

function answer(requestId: string): QbxmlResponse {
  const response = responses.find((candidate) => candidate.requestId === requestId);
  if (response === undefined) throw new Error(`no response ${requestId}`);
  return response;
}

describe("typed records", () => {
  it("uses a fixture that is a valid qbXML 13.0 response", () => {
    expect(verdict).toEqual({ valid: true, errors: [] });
  });

  it("reads a vendor, including a negative balance", () => {
    expect(recordsOfKind(answer("v"), "Vendor")).toEqual([
      expect.objectContaining({
        listId: "80000030-1709000000",
        editSequence: "1709000001",
        timeCreated: "2024-03-01T09:00:00-05:00",
        timeModified: "2024-03-02T10:00:00-05:00",
        name: "Northfield Flour Mill",
        vendorAddress: expect.objectContaining({ addr1: "40 Mill Race Road", postalCode: "55057" }),
        nameOnCheck: "Northfield Flour Mill Inc.",
        terms: { listId: "30000-1700000004", fullName: "Net 15" },
        isVendorEligibleFor1099: false,
        balance: -1234,
      }),
    ]);
  });

  it("reads service and non-inventory items with their prices in cents and custom fields", () => {
    expect(recordsOfKind(answer("s"), "ItemService")[0]).toMatchObject({
      name: "Catering Setup",
      salesTaxCode: { fullName: "Non" },
      salesOrPurchase: { desc: "On-site catering setup, per hour", price: 6500, account: { fullName: "Services Income" } },
    });
    expect(recordsOfKind(answer("n"), "ItemNonInventory")[0]).toMatchObject({
      fullName: "Breads:Sourdough Loaf",
      parent: { fullName: "Breads" },
      manufacturerPartNumber: "SD-800",
      salesAndPurchase: { salesPrice: 712.5, purchaseCost: 310, prefVendor: { fullName: "Northfield Flour Mill" } },
      customFields: [{ ownerId: "0", name: "Shelf life", type: "STR255TYPE", value: "3 days" }],
    });
  });

  it("reads payment methods, terms, accounts, sales tax codes and classes", () => {
    expect(recordsOfKind(answer("p"), "PaymentMethod")[0]).toMatchObject({
      listId: "60000-1700000001",
      name: "Check",
      paymentMethodType: "Check",
    });
    expect(recordsOfKind(answer("t"), "StandardTerms")[0]).toMatchObject({
      name: "2% 10 Net 30",
      isActive: false,
      stdDueDays: 30,
      stdDiscountDays: 10,
      discountPct: 2,
    });
    expect(recordsOfKind(answer("a"), "Account")[0]).toMatchObject({
      fullName: "Income:Services Income",
      accountType: "Income",
      accountNumber: "4100",
      balance: 0,
      totalBalance: 123456,
    });
    expect(recordsOfKind(answer("c"), "SalesTaxCode")[0]).toMatchObject({ name: "Tax", isTaxable: true, desc: "Taxable Sales" });
    expect(recordsOfKind(answer("k"), "Class")[0]).toMatchObject({
      fullName: "Sales:Wholesale",
      parent: { listId: "70000-1700000000" },
      sublevel: 1,
    });
  });

  it("reads a payment applied to two invoices, with exact cents", () => {
    const [payment] = recordsOfKind(answer("r"), "ReceivePayment");
    expect(payment).toMatchObject({
      txnId: "1B2-1711700000",
      editSequence: "1711700000",
      txnNumber: 420,
      totalAmount: 57000,
      refNumber: "CHK-20931",
      unusedPayment: 0,
    });
    expect(payment?.appliedTo).toEqual([
      { txnId: "1A7-1710500000", txnType: "Invoice", txnDate: "2024-03-15", refNumber: "LB-5001", balanceRemaining: 0, amount: 37500 },
      {
        txnId: "1B0-1710950400",
        txnType: "Invoice",
        txnDate: "2024-03-20",
        refNumber: "LB-5002",
        balanceRemaining: 1,
        amount: 19499,
        discountAmount: 0,
      },
    ]);
  });

  it("reads an invoice's linked payment, line custom fields and the lines inside a group", () => {
    const [invoice] = recordsOfKind(answer("i"), "Invoice");
    expect(invoice?.linkedTxns).toEqual([
      {
        txnId: "1B2-1711700000",
        txnType: "ReceivePayment",
        txnDate: "2024-03-29",
        refNumber: "CHK-20931",
        linkType: "AMTTYPE",
        amount: -37500,
      },
    ]);
    expect(invoice?.lines.map((line) => [line.txnLineId, line.groupTxnLineId, line.amount])).toEqual([
      ["1A9-1710500000", undefined, 18000],
      ["1AC-1710500000", "1AB-1710500000", 19500],
    ]);
    expect(invoice?.lines[0]?.customFields).toEqual([{ ownerId: "0", name: "Batch", type: "STR255TYPE", value: "B-17" }]);
    expect(invoice?.customFields).toEqual([{ ownerId: "0", name: "Order", type: "STR255TYPE", value: "5001" }]);
    expect(invoice?.isPaid).toBe(true);
  });

  it("reads a deleted transaction", () => {
    expect(recordsOfKind(answer("d"), "TxnDeleted")).toEqual([
      {
        kind: "TxnDeleted",
        txnDelType: "Invoice",
        txnId: "1A5-1710000000",
        timeCreated: "2024-03-01T08:00:00-05:00",
        timeDeleted: "2024-03-09T17:00:00-05:00",
        refNumber: "LB-4999",
      },
    ]);
  });
});
