import { beforeAll, describe, expect, it } from "vitest";
import {
  accountQueryRq,
  buildQbxml,
  classQueryRq,
  companyQueryRq,
  customerAddRq,
  customerModRq,
  customerQueryRq,
  hostQueryRq,
  invoiceAddRq,
  invoiceModRq,
  invoiceQueryRq,
  itemNonInventoryAddRq,
  itemNonInventoryModRq,
  itemNonInventoryQueryRq,
  itemQueryRq,
  itemSalesTaxGroupAddRq,
  itemSalesTaxGroupModRq,
  itemSalesTaxGroupQueryRq,
  itemSalesTaxAddRq,
  itemSalesTaxModRq,
  itemSalesTaxQueryRq,
  itemServiceAddRq,
  itemServiceModRq,
  itemServiceQueryRq,
  listDeletedQueryRq,
  paymentMethodAddRq,
  paymentMethodQueryRq,
  preferencesQueryRq,
  purchaseOrderAddRq,
  purchaseOrderModRq,
  purchaseOrderQueryRq,
  receivePaymentAddRq,
  receivePaymentModRq,
  receivePaymentQueryRq,
  salesTaxCodeAddRq,
  salesTaxCodeModRq,
  salesTaxCodeQueryRq,
  standardTermsAddRq,
  standardTermsQueryRq,
  txnDeletedQueryRq,
  vendorAddRq,
  vendorModRq,
  vendorQueryRq,
  type QbxmlRequest,
} from "@/server/qbxml";
import { validateQbxml, type NamedXml, type SchemaVerdict } from "@/test/support/qbxml-schema";

const ADDRESS = {
  addr1: "Harbor Light Bakery LLC",
  addr2: "118 Wharf Street",
  city: "Portland",
  state: "ME",
  postalCode: "04101",
  country: "USA",
};
const CUSTOMER_ID = "80000021-1709280000";
const OWNER_ID = "{00000000-0000-4000-8000-00000000A001}";

const requests: Record<string, QbxmlRequest | QbxmlRequest[]> = {
  HostQueryRq: hostQueryRq({}, { requestId: "host-1" }),
  "CompanyQueryRq with our OwnerID": companyQueryRq({ ownerIds: [OWNER_ID] }, { requestId: "company-1" }),
  PreferencesQueryRq: preferencesQueryRq({ includeRetElements: ["SalesTaxPreferences"] }),
  "CustomerQueryRq starting an iterator": customerQueryRq(
    { maxReturned: 100, fromModifiedDate: "2024-03-01T08:30:00", ownerIds: ["0"] },
    { requestId: "cust-sync-1", iterator: "Start" },
  ),
  "CustomerQueryRq continuing an iterator": customerQueryRq(
    { maxReturned: 100, fromModifiedDate: "2024-03-01T08:30:00", ownerIds: ["0"] },
    { requestId: "cust-sync-2", iterator: "Continue", iteratorId: "{7d3c1a52-9e41-4b7f-a0c2-5f18e6b9d403}" },
  ),
  "CustomerQueryRq stopping an iterator": customerQueryRq({}, { iterator: "Stop", iteratorId: "{7d3c1a52-9e41-4b7f-a0c2-5f18e6b9d403}" }),
  "CustomerQueryRq by ListID": customerQueryRq({ listIds: [CUSTOMER_ID, "80000022-1709290123"], ownerIds: ["0"] }),
  "CustomerQueryRq by FullName": customerQueryRq({ fullNames: ["Harbor Light Bakery:Wedding 2024-06"] }),
  "CustomerQueryRq by modified-date window and name": customerQueryRq({
    activeStatus: "InactiveOnly",
    fromModifiedDate: "2024-03-01T00:00:00-05:00",
    toModifiedDate: "2024-03-31",
    nameFilter: { matchCriterion: "Contains", name: "Bakery" },
    includeRetElements: ["ListID", "EditSequence"],
  }),
  "VendorQueryRq with a name filter": vendorQueryRq({ maxReturned: 50, nameFilter: { matchCriterion: "StartsWith", name: "North" } }),
  "CustomerQueryRq of non-zero balances, trimmed to the balances": customerQueryRq(
    {
      maxReturned: 500,
      activeStatus: "All",
      totalBalanceFilter: { operator: "GreaterThan", amount: 0 },
      includeRetElements: ["ListID", "ParentRef", "Balance", "TotalBalance"],
    },
    { requestId: "balance-1", iterator: "Start" },
  ),
  "VendorQueryRq of balances below zero, with a name filter": vendorQueryRq({
    nameFilter: { matchCriterion: "StartsWith", name: "North" },
    totalBalanceFilter: { operator: "LessThan", amount: -1050 },
    includeRetElements: ["ListID", "Balance"],
    ownerIds: ["0"],
  }),
  "ItemQueryRq (all item types)": itemQueryRq({ maxReturned: 200, fromModifiedDate: "2024-03-01T00:00:00" }, { iterator: "Start" }),
  ItemServiceQueryRq: itemServiceQueryRq({ fullNames: ["Catering Setup"], ownerIds: ["0"] }, { iterator: "Start" }),
  ItemNonInventoryQueryRq: itemNonInventoryQueryRq({ maxReturned: 10 }),
  ItemSalesTaxQueryRq: itemSalesTaxQueryRq({ activeStatus: "ActiveOnly" }),
  "AccountQueryRq by type": accountQueryRq({ activeStatus: "ActiveOnly", accountTypes: ["Income", "Bank"], ownerIds: ["0"] }),
  PaymentMethodQueryRq: paymentMethodQueryRq({ paymentMethodTypes: ["Check", "Cash"] }),
  StandardTermsQueryRq: standardTermsQueryRq(),
  SalesTaxCodeQueryRq: salesTaxCodeQueryRq({ listIds: ["10000-1700000001"] }),
  SalesTaxCodeAddRq: salesTaxCodeAddRq({ name: "Out", isActive: true, isTaxable: false, desc: "Out of state" }),
  SalesTaxCodeModRq: salesTaxCodeModRq({
    listId: "10000-1700000001",
    editSequence: "1700000001",
    name: "Res",
    isTaxable: false,
    desc: "Resale",
  }),
  "ItemSalesTaxAddRq with its agency": itemSalesTaxAddRq({
    name: "Maine",
    isActive: true,
    itemDesc: "Maine sales tax",
    taxRate: 5.5,
    taxVendor: { fullName: "Maine Revenue Services" },
  }),
  ItemSalesTaxModRq: itemSalesTaxModRq({
    listId: "10000-1700000002",
    editSequence: "1700000002",
    name: "Maine",
    taxRate: 5.51,
    taxVendor: { listId: "20000-1700000003" },
  }),
  "ItemSalesTaxQueryRq iterating since a date": itemSalesTaxQueryRq(
    { maxReturned: 500, fromModifiedDate: "2024-03-01T00:00:00" },
    { iterator: "Start" },
  ),
  ItemSalesTaxGroupAddRq: itemSalesTaxGroupAddRq({
    name: "Portland",
    isActive: true,
    itemDesc: "State and city",
    items: [{ fullName: "Maine" }, { listId: "10000-1700000004" }],
  }),
  ItemSalesTaxGroupModRq: itemSalesTaxGroupModRq({
    listId: "10000-1700000005",
    editSequence: "1700000005",
    name: "Portland",
    items: [{ listId: "10000-1700000004" }],
  }),
  ItemSalesTaxGroupQueryRq: itemSalesTaxGroupQueryRq({ maxReturned: 500, activeStatus: "All" }, { iterator: "Start" }),
  "InvoiceAddRq taxed explicitly": invoiceAddRq({
    customer: { fullName: "Harbor Dental" },
    txnDate: "2024-03-04",
    refNumber: "1001",
    itemSalesTax: { fullName: "Portland" },
    customerSalesTaxCode: { fullName: "Tax" },
    lines: [
      { item: { fullName: "Mulch" }, quantity: 2, rate: 1001, amount: 2002, salesTaxCode: { fullName: "Tax" } },
      { item: { fullName: "Labor" }, quantity: 1, rate: 7500, amount: 7500, salesTaxCode: { fullName: "Non" } },
    ],
  }),
  "InvoiceModRq taxed explicitly": invoiceModRq({
    txnId: "1B2-1711700000",
    editSequence: "1711700000",
    itemSalesTax: { listId: "10000-1700000005" },
    customerSalesTaxCode: { fullName: "Non" },
    lines: [{ item: { fullName: "Mulch" }, quantity: 1, rate: 1000, amount: 1000, salesTaxCode: { fullName: "Tax" } }],
  }),
  ClassQueryRq: classQueryRq({ fromModifiedDate: "2024-03-01T00:00:00" }),
  "InvoiceQueryRq by modified date with lines": invoiceQueryRq(
    {
      maxReturned: 50,
      modifiedDateRange: { from: "2024-03-01T00:00:00", to: "2024-03-31T23:59:59" },
      includeLineItems: true,
      includeLinkedTxns: true,
      ownerIds: ["0"],
    },
    { iterator: "Start" },
  ),
  "InvoiceQueryRq by customer and date": invoiceQueryRq({
    txnDateRange: { from: "2024-03-15", to: "2024-03-15" },
    entity: { listIds: [CUSTOMER_ID] },
    refNumberFilter: { matchCriterion: "StartsWith", refNumber: "LB-" },
    paidStatus: "NotPaidOnly",
  }),
  "InvoiceQueryRq by RefNumber": invoiceQueryRq({ refNumbers: ["LB-5001"], includeLineItems: true }),
  "InvoiceQueryRq by RefNumber range": invoiceQueryRq({
    entity: { fullNames: ["Harbor Light Bakery"] },
    refNumberRange: { from: "LB-5000", to: "LB-5099" },
  }),
  ReceivePaymentQueryRq: receivePaymentQueryRq(
    { modifiedDateRange: { from: "2024-03-01T00:00:00" }, includeLineItems: true },
    { iterator: "Continue", iteratorId: "{11111111-2222-3333-4444-555555555555}" },
  ),
  "ReceivePaymentQueryRq by TxnID": receivePaymentQueryRq({ txnIds: ["1B2-1711700000"] }),
  ListDeletedQueryRq: listDeletedQueryRq({
    listDelTypes: ["Customer", "Vendor", "ItemService", "ItemNonInventory"],
    deletedDateRange: { from: "2024-03-01T00:00:00" },
  }),
  TxnDeletedQueryRq: txnDeletedQueryRq({
    txnDelTypes: ["Invoice", "ReceivePayment", "PurchaseOrder"],
    deletedDateRange: { from: "2024-03-01T00:00:00", to: "2024-03-31T23:59:59" },
  }),
  "CustomerAddRq with every supported field": customerAddRq({
    name: "Harbor Light Bakery",
    isActive: true,
    companyName: "Harbor Light Bakery LLC",
    salutation: "Ms.",
    firstName: "Dana",
    middleName: "J",
    lastName: "Okafor",
    jobTitle: "Owner",
    billAddress: ADDRESS,
    shipAddress: { ...ADDRESS, addr3: "Dock 2", note: "Back door" },
    phone: "207-555-0142",
    mobile: "207-555-0143",
    altPhone: "207-555-0144",
    fax: "207-555-0145",
    email: "billing@harborlight.example",
    cc: "dana@harborlight.example",
    contact: "Dana Okafor",
    terms: { fullName: "Net 30" },
    salesTaxCode: { fullName: "Tax" },
    itemSalesTax: { fullName: "Maine Sales Tax" },
    resaleNumber: "R-1",
    accountNumber: "LB-1042",
    creditLimit: 500000,
    notes: "Created by Ledgerbridge",
    externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3301}",
  }),
  "CustomerAddRq for a job under a parent": customerAddRq({ name: "Wedding 2024-06", parent: { listId: CUSTOMER_ID } }),
  CustomerModRq: customerModRq({
    listId: CUSTOMER_ID,
    editSequence: "1709280000",
    name: "Harbor Light Bakery",
    isActive: false,
    companyName: "Harbor Light Bakery & Cafe LLC",
    billAddress: ADDRESS,
    phone: "207-555-0199",
    terms: { listId: "30000-1700000003" },
    creditLimit: 0,
    notes: "",
  }),
  VendorAddRq: vendorAddRq({
    name: "Northfield Flour Mill",
    isActive: true,
    companyName: "Northfield Flour Mill Inc.",
    firstName: "Ole",
    vendorAddress: { addr1: "40 Mill Race Road", city: "Northfield", state: "MN", postalCode: "55057" },
    shipAddress: { addr1: "Dock 4" },
    phone: "507-555-0110",
    email: "orders@northfieldmill.example",
    nameOnCheck: "Northfield Flour Mill Inc.",
    accountNumber: "HLB-2201",
    notes: "Rye and wheat",
    terms: { fullName: "Net 15" },
    creditLimit: 1_000_000,
    vendorTaxIdent: "12-3456789",
    isVendorEligibleFor1099: false,
    externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3302}",
  }),
  VendorModRq: vendorModRq({
    listId: "80000030-1709000000",
    editSequence: "1709000000",
    phone: "507-555-0111",
    isVendorEligibleFor1099: true,
  }),
  ItemServiceAddRq: itemServiceAddRq({
    name: "Catering Setup",
    isActive: true,
    salesTaxCode: { fullName: "Non" },
    salesOrPurchase: { desc: "On-site catering setup, per hour", price: 6500, account: { fullName: "Services Income" } },
    externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3303}",
  }),
  "ItemServiceAddRq as a sub-item priced by percent": itemServiceAddRq({
    name: "Setup Surcharge",
    parent: { fullName: "Catering Setup" },
    salesOrPurchase: { pricePercent: 12.5 },
  }),
  ItemServiceModRq: itemServiceModRq({
    listId: "80000040-1709300000",
    editSequence: "1709300000",
    name: "Catering Setup",
    salesOrPurchase: { desc: "Setup, per hour", price: 7000, account: { listId: "80000007-1700000010" } },
  }),
  "ItemServiceAddRq for a sub-item, as an item is sent": itemServiceAddRq({
    name: "Mulching",
    isActive: true,
    parent: { listId: "80000050-1709300000" },
    salesTaxCode: { fullName: "Non" },
    salesOrPurchase: { desc: "Mulch beds, per hour", price: 5000, account: { fullName: "Service Income" } },
  }),
  "ItemServiceModRq moving an item to another category": itemServiceModRq({
    listId: "80000051-1709300000",
    editSequence: "1709300001",
    parent: { fullName: "Gardens" },
  }),
  "ItemNonInventoryAddRq for a sub-item under a service": itemNonInventoryAddRq({
    name: "Hardwood Mulch",
    parent: { fullName: "Landscaping" },
    manufacturerPartNumber: "HM-1",
    salesTaxCode: { fullName: "Tax" },
    salesOrPurchase: { price: 4200, account: { fullName: "Materials Income" } },
  }),
  "ItemNonInventoryModRq moving an item to another category": itemNonInventoryModRq({
    listId: "80000052-1709300000",
    editSequence: "1709300002",
    name: "Pine Straw",
    isActive: false,
    parent: { listId: "80000053-1709300000" },
    salesTaxCode: { fullName: "Tax" },
  }),
  "ItemNonInventoryAddRq (sold only)": itemNonInventoryAddRq({
    name: "Rye Loaf",
    manufacturerPartNumber: "RY-700",
    salesTaxCode: { fullName: "Tax" },
    salesOrPurchase: { desc: "Rye loaf, 700 g", price: 625, account: { fullName: "Sales Income" } },
  }),
  "ItemNonInventoryAddRq (bought and sold)": itemNonInventoryAddRq({
    name: "Sourdough Loaf",
    salesAndPurchase: {
      salesDesc: "Sourdough loaf, 800 g",
      salesPrice: 750,
      incomeAccount: { fullName: "Sales Income" },
      purchaseDesc: "Sourdough loaf (wholesale)",
      purchaseCost: 310.5,
      expenseAccount: { fullName: "Cost of Goods Sold" },
      prefVendor: { fullName: "Northfield Flour Mill" },
    },
  }),
  ItemNonInventoryModRq: itemNonInventoryModRq({
    listId: "80000041-1709300000",
    editSequence: "1709300001",
    isActive: false,
    manufacturerPartNumber: "SD-801",
    salesAndPurchase: { salesPrice: 795, purchaseCost: 320 },
  }),
  PaymentMethodAddRq: paymentMethodAddRq({ name: "Check", isActive: true, paymentMethodType: "Check" }),
  StandardTermsAddRq: standardTermsAddRq({ name: "2% 10 Net 30", stdDueDays: 30, stdDiscountDays: 10, discountPct: 2 }),
  "InvoiceAddRq with several lines": invoiceAddRq({
    customer: { listId: CUSTOMER_ID },
    txnDate: "2024-03-15",
    refNumber: "LB-5001",
    billAddress: ADDRESS,
    poNumber: "PO-88",
    terms: { fullName: "Net 30" },
    dueDate: "2024-04-14",
    fob: "Portland",
    shipDate: "2024-03-16",
    itemSalesTax: { fullName: "Maine Sales Tax" },
    memo: "Ledgerbridge order 5001",
    isToBePrinted: false,
    isToBeEmailed: true,
    customerSalesTaxCode: { fullName: "Tax" },
    other: "Wedding",
    externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3304}",
    lines: [
      {
        item: { fullName: "Sourdough Loaf" },
        desc: "Sourdough loaf, 800 g",
        quantity: 24,
        rate: 750,
        amount: 18000,
        salesTaxCode: { fullName: "Tax" },
      },
      {
        item: { fullName: "Catering Setup" },
        desc: "On-site catering setup, per hour",
        quantity: 3,
        rate: 6500,
        serviceDate: "2024-03-16",
      },
      { item: { listId: "80000042-1709300000" }, quantity: 2.5, rate: 712.5 },
      { desc: "Thank you for your order" },
    ],
  }),
  "InvoiceModRq keeping one line and adding one": invoiceModRq({
    txnId: "1A7-1710500000",
    editSequence: "1710500000",
    memo: "Ledgerbridge order 5001 (revised)",
    dueDate: "2024-04-20",
    lines: [
      { txnLineId: "1A9-1710500000", item: { fullName: "Sourdough Loaf" }, quantity: 30, rate: 750 },
      { item: { fullName: "Rye Loaf" }, quantity: 10, rate: 625, amount: 6250 },
    ],
  }),
  "PurchaseOrderAddRq with two lines": purchaseOrderAddRq({
    vendor: { listId: "80000051-1709300000" },
    shipToEntity: { fullName: "Harbor Dental:Spring Cleanup" },
    txnDate: "2024-03-01",
    refNumber: "7001",
    terms: { fullName: "Net 30" },
    dueDate: "2024-03-31",
    expectedDate: "2024-03-08",
    memo: "Spring cleanup at Harbor Dental",
    vendorMsg: "Deliver to the back gate",
    externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3306}",
    lines: [
      {
        item: { fullName: "Mulch" },
        desc: "Dark brown, bagged",
        quantity: 10,
        rate: 625,
        amount: 6250,
        customer: { fullName: "Harbor Dental" },
      },
      { item: { listId: "80000042-1709300000" }, quantity: 2.5, rate: 712.5 },
    ],
  }),
  "PurchaseOrderModRq closing the order and replacing its lines": purchaseOrderModRq({
    txnId: "1C4-1710500000",
    editSequence: "1710500000",
    vendor: { fullName: "Green Valley Supply" },
    expectedDate: "2024-03-15",
    isManuallyClosed: true,
    memo: "Delivery moved",
    lines: [{ item: { fullName: "Mulch" }, quantity: 12, rate: 625, amount: 7500 }],
  }),
  "PurchaseOrderModRq leaving the lines as they are": purchaseOrderModRq({
    txnId: "1C4-1710500000",
    editSequence: "1710500001",
    isManuallyClosed: false,
  }),
  "PurchaseOrderQueryRq by modified date with lines": purchaseOrderQueryRq(
    { maxReturned: 500, modifiedDateRange: { from: "2024-03-01T08:30:00" }, includeLineItems: true, includeLinkedTxns: true },
    { requestId: "po-sync-1", iterator: "Start" },
  ),
  "PurchaseOrderQueryRq by TxnID": purchaseOrderQueryRq({ txnIds: ["1C4-1710500000"], includeLineItems: true }),
  "PurchaseOrderQueryRq by RefNumber": purchaseOrderQueryRq({ refNumbers: ["7001"], includeLineItems: true }),
  "ReceivePaymentAddRq applied to two invoices": receivePaymentAddRq({
    customer: { listId: CUSTOMER_ID },
    txnDate: "2024-03-29",
    refNumber: "CHK-20931",
    totalAmount: 57000,
    paymentMethod: { fullName: "Check" },
    memo: "Payment for LB-5001 and LB-5002",
    depositToAccount: { fullName: "Undeposited Funds" },
    externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3305}",
    appliedTo: [
      { txnId: "1A7-1710500000", paymentAmount: 37500 },
      { txnId: "1B0-1710950400", paymentAmount: 19500, discountAmount: 0, discountAccount: { fullName: "Discounts Given" } },
    ],
  }),
  "ReceivePaymentAddRq applied automatically": receivePaymentAddRq({
    customer: { fullName: "Harbor Light Bakery" },
    totalAmount: 1000,
    isAutoApply: true,
  }),
  ReceivePaymentModRq: receivePaymentModRq({
    txnId: "1B2-1711700000",
    editSequence: "1711700000",
    refNumber: "CHK-20932",
    totalAmount: 37500,
    appliedTo: [{ txnId: "1A7-1710500000", paymentAmount: 37500 }],
  }),
  "a batch of mixed requests": [
    customerAddRq({ name: "Quarry Road Deli", companyName: "Quarry Road Deli", phone: "207-555-0171" }, { requestId: "batch7-1" }),
    itemServiceAddRq(
      { name: "Catering Setup", salesOrPurchase: { price: 6500, account: { fullName: "Services Income" } } },
      { requestId: "batch7-2" },
    ),
    invoiceAddRq(
      {
        customer: { fullName: "Quarry Road Deli" },
        txnDate: "2024-03-20",
        refNumber: "LB-5002",
        lines: [{ item: { fullName: "Rye Loaf" }, quantity: 10, rate: 625 }],
      },
      { requestId: "batch7-3" },
    ),
    customerQueryRq({ listIds: [CUSTOMER_ID] }, { requestId: "batch7-4" }),
    txnDeletedQueryRq({ txnDelTypes: ["Invoice"] }, { requestId: "batch7-5" }),
  ],
};

const documents: NamedXml[] = Object.entries(requests).map(([name, request]) => ({ name, xml: buildQbxml(request) }));

// Hand-made documents the schema must refuse, so a passing check above means something.
const customerAdd = buildQbxml(customerAddRq({ name: "Harbor Light Bakery" }, { requestId: "c-1" }));
const invoiceAdd = buildQbxml(invoiceAddRq({ customer: { fullName: "Quarry Road Deli" }, lines: [{ quantity: 10, rate: 625 }] }));
const accountQuery = buildQbxml(accountQueryRq());
const withoutCustomerAdd = (replacement: string): string => customerAdd.replace(/<CustomerAddRq[\s\S]*<\/CustomerAddRq>/, replacement);
const rejected: (NamedXml & { readonly from: string; readonly reason: RegExp })[] = [
  {
    name: "a 42-character customer Name",
    from: customerAdd,
    xml: customerAdd.replace("Harbor Light Bakery", "H".repeat(42)),
    reason: /maxLength/,
  },
  {
    name: "Rate before Quantity",
    from: invoiceAdd,
    xml: invoiceAdd.replace(/(<Quantity>10<\/Quantity>)(\s*)(<Rate>6\.25<\/Rate>)/, "$3$2$1"),
    reason: /Quantity.*not expected/,
  },
  {
    name: "a message set without onError",
    from: customerAdd,
    xml: customerAdd.replace(' onError="continueOnError"', ""),
    reason: /onError.*required/,
  },
  {
    name: "an amount with one decimal",
    from: invoiceAdd,
    xml: invoiceAdd.replace("<Rate>6.25</Rate>", "<Rate>6.25</Rate><Amount>62.5</Amount>"),
    reason: /Amount.*62\.5/,
  },
  {
    name: "an iterator on AccountQueryRq",
    from: accountQuery,
    xml: accountQuery.replace("<AccountQueryRq>", '<AccountQueryRq iterator="Start">'),
    reason: /iterator.*not allowed/,
  },
  {
    name: "a PaymentMethodModRq (not in qbXML 13.0)",
    from: customerAdd,
    xml: withoutCustomerAdd(
      "<PaymentMethodModRq><PaymentMethodMod><ListID>1</ListID><EditSequence>1</EditSequence><Name>Cash</Name></PaymentMethodMod></PaymentMethodModRq>",
    ),
    reason: /PaymentMethodModRq.*not expected/,
  },
  {
    name: "a StandardTermsModRq (not in qbXML 13.0)",
    from: customerAdd,
    xml: withoutCustomerAdd(
      "<StandardTermsModRq><StandardTermsMod><ListID>1</ListID><EditSequence>1</EditSequence></StandardTermsMod></StandardTermsModRq>",
    ),
    reason: /StandardTermsModRq.*not expected/,
  },
];

let verdicts: ReadonlyMap<string, SchemaVerdict>;

beforeAll(async () => {
  verdicts = await validateQbxml([...documents, ...rejected]);
});

function verdictFor(name: string): SchemaVerdict {
  const verdict = verdicts.get(name);
  if (verdict === undefined) throw new Error(`no verdict for ${name}`);
  return verdict;
}

describe("requests built by the codec", () => {
  it.each(documents.map((document) => document.name))("%s validates against the qbXML 13.0 schema", (name) => {
    expect(verdictFor(name)).toEqual({ valid: true, errors: [] });
  });

  it.each(documents)("$name starts with the xml declaration and the qbxml 13.0 instruction", ({ xml }) => {
    expect(
      xml.startsWith(
        '<?xml version="1.0" encoding="utf-8"?>\n<?qbxml version="13.0"?>\n<QBXML>\n  <QBXMLMsgsRq onError="continueOnError">',
      ),
    ).toBe(true);
  });
});

describe("the schema check itself", () => {
  it.each(rejected)("rejects $name", ({ name, xml, from, reason }) => {
    expect(xml).not.toBe(from);
    const verdict = verdictFor(name);
    expect(verdict.valid).toBe(false);
    expect(verdict.errors.join("\n")).toMatch(reason);
  });
});
