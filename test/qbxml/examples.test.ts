import { readdirSync } from "node:fs";
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
  invoiceQueryRq,
  itemNonInventoryAddRq,
  itemQueryRq,
  itemSalesTaxQueryRq,
  itemServiceAddRq,
  listDeletedQueryRq,
  parseQbxmlResponse,
  paymentMethodQueryRq,
  preferencesQueryRq,
  receivePaymentAddRq,
  recordsOfKind,
  salesTaxCodeQueryRq,
  standardTermsQueryRq,
  txnDeletedQueryRq,
  vendorAddRq,
  vendorQueryRq,
  type OnError,
  type QbxmlRequest,
  type QbxmlResponse,
} from "@/server/qbxml";
import { readXmlDocument, type XmlElement } from "@/server/qbxml/xml-read";
import { EXAMPLES_DIR, readExample, validateQbxml, type SchemaVerdict } from "@/test/support/qbxml-schema";

const STOP: OnError = "stopOnError";
const CUSTOMER_ID = "80000021-1709280000";
const ITERATOR_ID = "{7d3c1a52-9e41-4b7f-a0c2-5f18e6b9d403}";

/** The builder calls that reproduce each request example. */
const equivalents: Record<string, { requests: QbxmlRequest | QbxmlRequest[]; onError?: OnError }> = {
  "request-account-query.xml": {
    requests: accountQueryRq(
      {
        activeStatus: "ActiveOnly",
        accountTypes: ["Income", "Bank", "OtherCurrentAsset"],
        includeRetElements: ["ListID", "FullName", "AccountType", "IsActive"],
      },
      { requestId: "acct-q-1" },
    ),
  },
  "request-batch-add-continue-on-error.xml": {
    onError: "continueOnError",
    requests: [
      customerAddRq({ name: "Quarry Road Deli", companyName: "Quarry Road Deli", phone: "207-555-0171" }, { requestId: "batch7-1" }),
      itemServiceAddRq(
        {
          name: "Catering Setup",
          salesOrPurchase: { desc: "On-site catering setup, per hour", price: 6500, account: { fullName: "Services Income" } },
        },
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
    ],
  },
  "request-class-query.xml": { requests: classQueryRq({}, { requestId: "class-q-1" }) },
  "request-customer-add.xml": {
    requests: customerAddRq(
      {
        name: "Harbor Light Bakery",
        isActive: true,
        companyName: "Harbor Light Bakery LLC",
        firstName: "Dana",
        lastName: "Okafor",
        billAddress: {
          addr1: "Harbor Light Bakery LLC",
          addr2: "118 Wharf Street",
          city: "Portland",
          state: "ME",
          postalCode: "04101",
          country: "USA",
        },
        phone: "207-555-0142",
        email: "billing@harborlight.example",
        terms: { fullName: "Net 30" },
        salesTaxCode: { fullName: "Tax" },
        accountNumber: "LB-1042",
        notes: "Created by Ledgerbridge sync (& escaped: <ok>)",
        externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3301}",
      },
      { requestId: "cust-add-1042" },
    ),
  },
  "request-customer-mod.xml": {
    requests: customerModRq(
      {
        listId: CUSTOMER_ID,
        editSequence: "1709280000",
        companyName: "Harbor Light Bakery & Cafe LLC",
        phone: "207-555-0199",
        email: "accounts@harborlight.example",
      },
      { requestId: "cust-mod-1042" },
    ),
  },
  "request-customer-query-iterator-start.xml": {
    requests: customerQueryRq(
      { maxReturned: 100, fromModifiedDate: "2024-03-01T08:30:00", ownerIds: ["0"] },
      { requestId: "cust-sync-1", iterator: "Start" },
    ),
  },
  "request-customer-query-iterator-continue.xml": {
    requests: customerQueryRq(
      { maxReturned: 100, fromModifiedDate: "2024-03-01T08:30:00", ownerIds: ["0"] },
      { requestId: "cust-sync-2", iterator: "Continue", iteratorId: ITERATOR_ID },
    ),
  },
  "request-host-company-preferences-query.xml": {
    requests: [
      hostQueryRq({}, { requestId: "host-1" }),
      companyQueryRq({ ownerIds: ["{00000000-0000-4000-8000-00000000A001}"] }, { requestId: "company-1" }),
      preferencesQueryRq({}, { requestId: "prefs-1" }),
    ],
  },
  "request-invoice-add.xml": {
    requests: invoiceAddRq(
      {
        customer: { listId: CUSTOMER_ID },
        txnDate: "2024-03-15",
        refNumber: "LB-5001",
        poNumber: "PO-88",
        terms: { fullName: "Net 30" },
        dueDate: "2024-04-14",
        memo: "Ledgerbridge order 5001",
        lines: [
          { item: { fullName: "Sourdough Loaf" }, desc: "Sourdough loaf, 800 g", quantity: 24, rate: 750 },
          { item: { fullName: "Catering Setup" }, desc: "On-site catering setup, per hour", quantity: 3, rate: 6500 },
        ],
      },
      { requestId: "inv-add-5001" },
    ),
  },
  "request-invoice-query.xml": {
    requests: invoiceQueryRq(
      {
        maxReturned: 50,
        modifiedDateRange: { from: "2024-03-01T00:00:00", to: "2024-03-31T23:59:59" },
        includeLineItems: true,
        includeLinkedTxns: true,
      },
      { requestId: "inv-q-1", iterator: "Start" },
    ),
  },
  "request-item-non-inventory-add.xml": {
    requests: itemNonInventoryAddRq(
      {
        name: "Sourdough Loaf",
        isActive: true,
        manufacturerPartNumber: "SD-800",
        salesTaxCode: { fullName: "Tax" },
        salesAndPurchase: {
          salesDesc: "Sourdough loaf, 800 g",
          salesPrice: 750,
          incomeAccount: { fullName: "Sales Income" },
          purchaseDesc: "Sourdough loaf (wholesale)",
          purchaseCost: 310,
          expenseAccount: { fullName: "Cost of Goods Sold" },
          prefVendor: { fullName: "Northfield Flour Mill" },
        },
      },
      { requestId: "item-ni-9" },
    ),
  },
  "request-item-query.xml": {
    requests: itemQueryRq({ maxReturned: 200, fromModifiedDate: "2024-03-01T00:00:00" }, { requestId: "item-q-1", iterator: "Start" }),
  },
  "request-item-sales-tax-query.xml": { requests: itemSalesTaxQueryRq({ activeStatus: "ActiveOnly" }, { requestId: "ist-q-1" }) },
  "request-item-service-add.xml": {
    requests: itemServiceAddRq(
      {
        name: "Catering Setup",
        isActive: true,
        salesTaxCode: { fullName: "Non" },
        salesOrPurchase: { desc: "On-site catering setup, per hour", price: 6500, account: { fullName: "Services Income" } },
      },
      { requestId: "item-svc-5" },
    ),
  },
  "request-list-deleted-query.xml": {
    requests: listDeletedQueryRq(
      { listDelTypes: ["Customer", "Vendor", "ItemService", "ItemNonInventory"], deletedDateRange: { from: "2024-03-01T00:00:00" } },
      { requestId: "ldel-q-1" },
    ),
  },
  "request-payment-method-query.xml": { requests: paymentMethodQueryRq({ activeStatus: "ActiveOnly" }, { requestId: "pm-q-1" }) },
  "request-receive-payment-add.xml": {
    requests: receivePaymentAddRq(
      {
        customer: { listId: CUSTOMER_ID },
        txnDate: "2024-03-29",
        refNumber: "CHK-20931",
        totalAmount: 37500,
        paymentMethod: { fullName: "Check" },
        memo: "Payment for LB-5001",
        depositToAccount: { fullName: "Undeposited Funds" },
        appliedTo: [{ txnId: "1A7-1710500000", paymentAmount: 37500 }],
      },
      { requestId: "pay-add-301" },
    ),
  },
  "request-sales-tax-code-query.xml": { requests: salesTaxCodeQueryRq({ activeStatus: "ActiveOnly" }, { requestId: "stc-q-1" }) },
  "request-standard-terms-query.xml": { requests: standardTermsQueryRq({}, { requestId: "terms-q-1" }) },
  "request-txn-deleted-query.xml": {
    requests: txnDeletedQueryRq(
      { txnDelTypes: ["Invoice", "ReceivePayment"], deletedDateRange: { from: "2024-03-01T00:00:00", to: "2024-03-31T23:59:59" } },
      { requestId: "tdel-q-1" },
    ),
  },
  "request-vendor-add.xml": {
    requests: vendorAddRq(
      {
        name: "Northfield Flour Mill",
        isActive: true,
        companyName: "Northfield Flour Mill Inc.",
        vendorAddress: {
          addr1: "Northfield Flour Mill Inc.",
          addr2: "40 Mill Race Road",
          city: "Northfield",
          state: "MN",
          postalCode: "55057",
        },
        phone: "507-555-0110",
        email: "orders@northfieldmill.example",
        nameOnCheck: "Northfield Flour Mill Inc.",
        accountNumber: "HLB-2201",
        terms: { fullName: "Net 15" },
        vendorTaxIdent: "12-3456789",
        isVendorEligibleFor1099: false,
      },
      { requestId: "vend-add-77" },
    ),
  },
  "request-vendor-query.xml": {
    onError: "continueOnError",
    requests: vendorQueryRq({ maxReturned: 50, nameFilter: { matchCriterion: "StartsWith", name: "North" } }, { requestId: "vend-q-1" }),
  },
};

/** Element names, attributes and leaf text in document order; indentation ignored. */
function structure(element: XmlElement): unknown {
  return {
    name: element.name,
    attributes: element.attributes,
    ...(element.children.length === 0 ? { text: element.text } : { children: element.children.map(structure) }),
  };
}

const requestExamples = readdirSync(EXAMPLES_DIR)
  .filter((file) => file.startsWith("request-"))
  .sort();
const built = Object.entries(equivalents).map(([file, { requests, onError }]) => ({
  name: file,
  xml: buildQbxml(requests, { onError: onError ?? STOP }),
}));

let verdicts: ReadonlyMap<string, SchemaVerdict>;
beforeAll(async () => {
  verdicts = await validateQbxml(built);
});

describe("the request examples, rebuilt with the builders", () => {
  it("covers every request example", () => {
    expect(Object.keys(equivalents).sort()).toEqual(requestExamples);
  });

  it.each(built)("$name: same elements, attributes and values as the example", ({ name, xml }) => {
    expect(structure(readXmlDocument(xml, name))).toEqual(structure(readXmlDocument(readExample(name), name)));
  });

  it.each(built)("$name: validates against the schema", ({ name }) => {
    expect(verdicts.get(name)).toEqual({ valid: true, errors: [] });
  });
});

function only(file: string): QbxmlResponse {
  const responses = parseQbxmlResponse(readExample(file));
  expect(responses).toHaveLength(1);
  return responses[0] as QbxmlResponse;
}

describe("the response examples", () => {
  it("reads a successful CustomerAdd with the new ListID, EditSequence and decoded text", () => {
    const response = only("response-customer-add-0.xml");
    expect(response).toMatchObject({
      requestId: "cust-add-1042",
      type: "CustomerAdd",
      statusCode: 0,
      statusSeverity: "Info",
      statusMessage: "Status OK",
      iterator: null,
      retCount: 1,
    });
    const [customer] = recordsOfKind(response, "Customer");
    expect(customer).toMatchObject({
      kind: "Customer",
      listId: "80000021-1709280000",
      editSequence: "1709280000",
      timeCreated: "2024-03-01T09:20:00-05:00",
      timeModified: "2024-03-01T09:20:00-05:00",
      name: "Harbor Light Bakery",
      fullName: "Harbor Light Bakery",
      isActive: true,
      sublevel: 0,
      companyName: "Harbor Light Bakery LLC",
      billAddress: {
        addr1: "Harbor Light Bakery LLC",
        addr2: "118 Wharf Street",
        city: "Portland",
        state: "ME",
        postalCode: "04101",
        country: "USA",
      },
      terms: { listId: "30000-1700000003", fullName: "Net 30" },
      salesTaxCode: { listId: "10000-1700000001", fullName: "Tax" },
      balance: 0,
      totalBalance: 0,
      jobStatus: "None",
      notes: "Created by Ledgerbridge sync (& escaped: <ok>)",
      externalGuid: "{3F2504E0-4F89-41D3-9A0C-0305E82C3301}",
      customFields: [],
    });
  });

  it("reads 3100: the name is already in use", () => {
    expect(only("response-customer-add-3100.xml")).toEqual({
      requestId: "cust-add-1042",
      type: "CustomerAdd",
      statusCode: 3100,
      statusSeverity: "Error",
      statusMessage: 'The name "Harbor Light Bakery" of the list element is already in use.',
      records: [],
      iterator: null,
      retCount: 0,
    });
  });

  it("reads 3180: the list was locked by another user", () => {
    expect(only("response-customer-add-3180.xml")).toMatchObject({
      requestId: "batch7-1",
      statusCode: 3180,
      statusSeverity: "Error",
      statusMessage:
        'There was an error when saving a Customers list, element "Quarry Road Deli". QuickBooks error message: This list has been modified by another user.',
    });
  });

  it("reads 3120: the object to modify cannot be found", () => {
    expect(only("response-customer-mod-3120.xml")).toMatchObject({
      requestId: "cust-mod-2001",
      type: "CustomerMod",
      statusCode: 3120,
      statusMessage: 'Object "80000099-1709999999" specified in the request cannot be found.',
      records: [],
    });
  });

  it("reads 3200: the EditSequence is out of date", () => {
    expect(only("response-customer-mod-3200.xml")).toMatchObject({
      requestId: "cust-mod-1042",
      type: "CustomerMod",
      statusCode: 3200,
      statusSeverity: "Error",
      statusMessage: 'The provided edit sequence "1709280000" is out-of-date.',
    });
  });

  it("reads 3391: the iterator is no longer valid", () => {
    expect(only("response-customer-query-3391.xml")).toMatchObject({
      requestId: "cust-sync-2",
      type: "CustomerQuery",
      statusCode: 3391,
      statusMessage: `The iteratorID "${ITERATOR_ID}" is not valid.`,
      iterator: null,
    });
  });

  it("reads an iterator page with its remaining count, a customer and a job", () => {
    const response = only("response-customer-query-iterator.xml");
    expect(response).toMatchObject({
      requestId: "cust-sync-1",
      type: "CustomerQuery",
      statusCode: 0,
      iterator: { id: ITERATOR_ID, remainingCount: 212 },
      retCount: 2,
    });
    const [bakery, wedding] = recordsOfKind(response, "Customer");
    expect(bakery).toMatchObject({
      listId: CUSTOMER_ID,
      editSequence: "1709578931",
      companyName: "Harbor Light Bakery & Cafe LLC",
      balance: 37500,
      totalBalance: 37500,
    });
    expect(wedding).toMatchObject({
      listId: "80000022-1709290123",
      editSequence: "1709290123",
      fullName: "Harbor Light Bakery:Wedding 2024-06",
      parent: { listId: CUSTOMER_ID, fullName: "Harbor Light Bakery" },
      sublevel: 1,
      jobStatus: "Pending",
      balance: 0,
    });
  });

  it("reads the host, company and preferences answers QuickBooks hands over at the start of a session", () => {
    const [host, company, preferences] = parseQbxmlResponse(readExample("response-host-company-preferences-query.xml"));
    const [hostRet] = recordsOfKind(host as QbxmlResponse, "Host");
    expect(hostRet?.supportedQbxmlVersions).toEqual([
      "1.0",
      "1.1",
      "2.0",
      "2.1",
      "3.0",
      "4.0",
      "4.1",
      "5.0",
      "6.0",
      "7.0",
      "8.0",
      "9.0",
      "10.0",
      "11.0",
      "12.0",
      "13.0",
      "14.0",
      "15.0",
      "16.0",
    ]);
    expect(hostRet).toMatchObject({
      productName: "QuickBooks Pro 2024",
      majorVersion: "34",
      country: "US",
      isAutomaticLogin: true,
      qbFileMode: "MultiUser",
    });
    const [companyRet] = recordsOfKind(company as QbxmlResponse, "Company");
    expect(companyRet).toMatchObject({
      companyName: "Harbor Light Wholesale",
      legalCompanyName: "Harbor Light Wholesale Inc.",
      address: { addr1: "200 Commercial Street", city: "Portland", state: "ME", postalCode: "04101", country: "US" },
      customFields: [
        {
          ownerId: "{00000000-0000-4000-8000-00000000A001}",
          name: "FileID",
          type: "STR255TYPE",
          value: "{00000000-0000-4000-8000-00000000F001}",
        },
      ],
    });
    const [preferencesRet] = recordsOfKind(preferences as QbxmlResponse, "Preferences");
    expect(preferencesRet).toMatchObject({
      isUsingAccountNumbers: false,
      isRequiringAccounts: true,
      isUsingClassTracking: false,
      isUsingEstimates: true,
      isMultiCurrencyOn: false,
      isUsingInventory: false,
      isAutoApplyingPayments: true,
      isUsingPriceLevels: false,
      defaultItemSalesTax: { listId: "20000-1700000002", fullName: "Maine Sales Tax" },
      defaultTaxableSalesTaxCode: { fullName: "Tax" },
      defaultNonTaxableSalesTaxCode: { fullName: "Non" },
      isAutomaticLoginAllowed: true,
      isPersonalDataAccessAllowed: false,
    });
    expect([host, company, preferences].map((response) => response?.requestId)).toEqual(["host-1", "company-1", "prefs-1"]);
  });

  it("reads an added invoice with its lines and amounts in cents", () => {
    const response = only("response-invoice-add-0.xml");
    const [invoice] = recordsOfKind(response, "Invoice");
    expect(invoice).toMatchObject({
      txnId: "1A7-1710500000",
      editSequence: "1710500000",
      txnNumber: 412,
      customer: { listId: CUSTOMER_ID, fullName: "Harbor Light Bakery" },
      txnDate: "2024-03-15",
      refNumber: "LB-5001",
      dueDate: "2024-04-14",
      subtotal: 37500,
      salesTaxPercentage: 0,
      salesTaxTotal: 0,
      appliedAmount: 0,
      balanceRemaining: 37500,
      isPaid: false,
      memo: "Ledgerbridge order 5001",
    });
    expect(invoice?.lines).toEqual([
      expect.objectContaining({
        txnLineId: "1A9-1710500000",
        item: { listId: "80000041-1709300000", fullName: "Sourdough Loaf" },
        quantity: 24,
        rate: 750,
        amount: 18000,
        salesTaxCode: { listId: "10000-1700000001", fullName: "Tax" },
      }),
      expect.objectContaining({
        txnLineId: "1AA-1710500000",
        desc: "On-site catering setup, per hour",
        quantity: 3,
        rate: 6500,
        amount: 19500,
      }),
    ]);
  });

  it("reads 3140: an invalid reference in an invoice line", () => {
    expect(only("response-invoice-add-3140.xml")).toMatchObject({
      type: "InvoiceAdd",
      statusCode: 3140,
      statusSeverity: "Error",
      records: [],
    });
  });

  it("reads a deleted customer from ListDeletedQuery", () => {
    expect(recordsOfKind(only("response-list-deleted-query.xml"), "ListDeleted")).toEqual([
      {
        kind: "ListDeleted",
        listDelType: "Customer",
        listId: "80000019-1708000000",
        timeCreated: "2024-02-15T08:00:00-05:00",
        timeDeleted: "2024-03-05T16:45:10-05:00",
        fullName: "Old Pier Market",
      },
    ]);
  });

  it("reads status 1 (no match) as Info with no records", () => {
    expect(only("response-vendor-query-1-no-match.xml")).toMatchObject({ statusCode: 1, statusSeverity: "Info", records: [], retCount: 0 });
  });

  it("reads each answer of a mixed batch with its own status, matched by requestID", () => {
    const responses = parseQbxmlResponse(readExample("response-batch-mixed.xml"));
    expect(responses.map(({ requestId, type, statusCode, statusSeverity }) => ({ requestId, type, statusCode, statusSeverity }))).toEqual([
      { requestId: "batch7-1", type: "CustomerAdd", statusCode: 0, statusSeverity: "Info" },
      { requestId: "batch7-2", type: "ItemServiceAdd", statusCode: 3100, statusSeverity: "Error" },
      { requestId: "batch7-3", type: "InvoiceAdd", statusCode: 3140, statusSeverity: "Error" },
    ]);
    expect(recordsOfKind(responses[0] as QbxmlResponse, "Customer")[0]).toMatchObject({
      listId: "80000031-1710950400",
      editSequence: "1710950400",
      name: "Quarry Road Deli",
    });
    expect(responses[1]?.statusMessage).toBe('The name "Catering Setup" of the list element is already in use.');
  });

  it("covers every response example", () => {
    const files = readdirSync(EXAMPLES_DIR).filter((file) => file.startsWith("response-"));
    expect(files).toHaveLength(13);
    for (const file of files) expect(parseQbxmlResponse(readExample(file)).length).toBeGreaterThan(0);
  });
});
