import vm from "node:vm";
import v8 from "node:v8";
import { describe, expect, it } from "vitest";
import { parseQbxmlResponse, recordsOfKind } from "@/server/qbxml";
import { QuickBooksFault, SimulatedCompany } from "@/scripts/simulator";
import { qbxmlRequest } from "./support/qbwc-engine";
import { ask, askOne, testCompany } from "./support/simulator";

const customerAdd = (name: string, extra = "", requestId = "1") =>
  `<CustomerAddRq requestID="${requestId}"><CustomerAdd><Name>${name}</Name>${extra}</CustomerAdd></CustomerAddRq>`;

describe("the simulated company's name pools", () => {
  it("refuses a vendor or customer named like any customer, vendor or employee, whatever the case, with 3100", () => {
    const { company } = testCompany();
    expect(askOne(company, customerAdd("Harbor Light Bakery")).statusCode).toBe(0);

    const vendor = askOne(company, `<VendorAddRq requestID="2"><VendorAdd><Name>HARBOR light bakery</Name></VendorAdd></VendorAddRq>`);
    expect(vendor).toMatchObject({ requestId: "2", statusCode: 3100, statusSeverity: "Error" });
    expect(vendor.statusMessage).toBe('The name "HARBOR light bakery" of the list element is already in use.');
    // Pat Rivera is one of the company's employees.
    expect(askOne(company, customerAdd("Pat Rivera")).statusCode).toBe(3100);
  });

  it("keeps items in a pool of their own", () => {
    const { company } = testCompany();
    company.addCustomer({ Name: "Mulch" });
    const item = askOne(company, `<ItemServiceAddRq><ItemServiceAdd><Name>Mulch</Name></ItemServiceAdd></ItemServiceAddRq>`);
    expect(item.statusCode).toBe(0);
    const again = askOne(
      company,
      `<ItemNonInventoryAddRq><ItemNonInventoryAdd><Name>mulch</Name></ItemNonInventoryAdd></ItemNonInventoryAddRq>`,
    );
    expect(again.statusCode).toBe(3100);
  });

  it("gives a job the full name Customer:Job and keeps it when the customer is renamed", () => {
    const { company } = testCompany();
    const parent = company.addCustomer({ Name: "Oak Street Bakery" });
    const job = askOne(company, customerAdd("Patio Beds", `<ParentRef><ListID>${parent.id}</ListID></ParentRef>`));
    expect(recordsOfKind(job, "Customer")[0]).toMatchObject({ fullName: "Oak Street Bakery:Patio Beds", sublevel: 1 });

    company.updateCustomer("Oak Street Bakery", { Name: "Oak St Bakery" });
    expect(company.find("Customer", "Oak St Bakery:Patio Beds")).toBeDefined();
    // Another customer may have a job of the same name.
    const other = company.addCustomer({ Name: "Maple Court HOA" });
    expect(askOne(company, customerAdd("Patio Beds", `<ParentRef><ListID>${other.id}</ListID></ParentRef>`)).statusCode).toBe(0);
  });
});

describe("the simulated company's refusals", () => {
  it("answers a Mod with a stale EditSequence with 3200 and one of an unknown ListID with 3120", () => {
    const { company, clock } = testCompany();
    const added = company.addCustomer({ Name: "Quarry Road Deli" });
    clock.advance(60_000);
    const changed = company.updateCustomer("Quarry Road Deli", { Phone: "207-555-0100" });
    expect(changed.EditSequence).not.toBe(added.EditSequence);
    expect(changed.TimeModified).not.toBe(added.TimeModified);

    const mod = (listId: string, editSequence: string) =>
      `<CustomerModRq><CustomerMod><ListID>${listId}</ListID><EditSequence>${editSequence}</EditSequence><Phone>207-555-0199</Phone></CustomerMod></CustomerModRq>`;
    const stale = askOne(company, mod(added.id, added.EditSequence as string));
    expect(stale).toMatchObject({ statusCode: 3200, statusMessage: `The provided edit sequence "${added.EditSequence}" is out-of-date.` });
    const unknown = askOne(company, mod("80000099-1709999999", "1"));
    expect(unknown).toMatchObject({
      statusCode: 3120,
      statusMessage: 'Object "80000099-1709999999" specified in the request cannot be found.',
    });

    clock.advance(60_000);
    const current = askOne(company, mod(added.id, changed.EditSequence as string));
    expect(current.statusCode).toBe(0);
    expect(recordsOfKind(current, "Customer")[0]).toMatchObject({ phone: "207-555-0199" });
    expect(recordsOfKind(current, "Customer")[0]!.editSequence).not.toBe(changed.EditSequence);
  });

  it("answers a reference to something that does not exist with 3140", () => {
    const { company } = testCompany({ customers: 1 });
    const customer = company.list("Customer")[0]!;
    const invoice = askOne(
      company,
      `<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>${customer.id}</ListID></CustomerRef>` +
        `<InvoiceLineAdd><ItemRef><FullName>Rye Loaf</FullName></ItemRef><Quantity>10</Quantity><Rate>6.25</Rate></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`,
    );
    expect(invoice.statusCode).toBe(3140);
    expect(invoice.statusMessage).toContain('invalid reference to QuickBooks Item "Rye Loaf" in the Invoice line');
    expect(askOne(company, customerAdd("New One", "<TermsRef><FullName>Net 99</FullName></TermsRef>")).statusCode).toBe(3140);
    const payment = askOne(
      company,
      `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><ListID>${customer.id}</ListID></CustomerRef><TotalAmount>10.00</TotalAmount>` +
        `<AppliedToTxnAdd><TxnID>1A7-1710500000</TxnID><PaymentAmount>10.00</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`,
    );
    expect(payment.statusCode).toBe(3140);
    expect(company.count("Invoice") + company.count("ReceivePayment")).toBe(0);
  });

  it("answers a name over the schema's length with 3070", () => {
    const { company } = testCompany();
    const long = askOne(company, customerAdd("A".repeat(42)));
    expect(long).toMatchObject({ statusCode: 3070, statusMessage: `The string "${"A".repeat(42)}" in the field "Name" is too long.` });
    expect(askOne(company, customerAdd("A".repeat(41))).statusCode).toBe(0);
    expect(
      askOne(company, `<ItemServiceAddRq><ItemServiceAdd><Name>${"B".repeat(32)}</Name></ItemServiceAdd></ItemServiceAddRq>`).statusCode,
    ).toBe(3070);
  });

  it("fails the next write with 3180 when told the record is in use, and Mods of a held record until released", () => {
    const { company } = testCompany();
    company.failNextWrites(1);
    const held = askOne(company, customerAdd("Blue Heron Cafe"));
    expect(held.statusCode).toBe(3180);
    expect(held.statusMessage).toContain("This list has been modified by another user.");
    const added = recordsOfKind(askOne(company, customerAdd("Blue Heron Cafe")), "Customer")[0]!;

    company.holdRecord("Customer", "Blue Heron Cafe");
    const mod = `<CustomerModRq><CustomerMod><ListID>${added.listId}</ListID><EditSequence>${added.editSequence}</EditSequence><Phone>1</Phone></CustomerMod></CustomerModRq>`;
    expect(askOne(company, mod).statusCode).toBe(3180);
    company.releaseRecord("Customer", "Blue Heron Cafe");
    expect(askOne(company, mod).statusCode).toBe(0);
  });

  it("stops at the first error with stopOnError, runs every request with continueOnError, and echoes requestIDs", () => {
    const { company } = testCompany();
    const batch = customerAdd("One", "", "a") + customerAdd("one", "", "b") + customerAdd("Two", "", "c");
    expect(ask(company, batch, "stopOnError").map((r) => [r.requestId, r.statusCode])).toEqual([
      ["a", 0],
      ["b", 3100],
    ]);
    expect(company.find("Customer", "Two")).toBeUndefined();
    const more = customerAdd("Three", "", "x") + customerAdd("THREE", "", "y") + customerAdd("Four", "", "z");
    expect(ask(company, more, "continueOnError").map((r) => [r.requestId, r.statusCode])).toEqual([
      ["x", 0],
      ["y", 3100],
      ["z", 0],
    ]);
  });

  it("refuses a whole message set QuickBooks cannot parse, applying none of it", () => {
    const { company } = testCompany();
    const before = company.count("Customer");
    // Phone before Name breaks the schema's order.
    const xml = qbxmlRequest(
      customerAdd("Fine Customer") + `<CustomerAddRq><CustomerAdd><Phone>1</Phone><Name>Bad Order</Name></CustomerAdd></CustomerAddRq>`,
    );
    expect(() => company.handle(xml)).toThrow(QuickBooksFault);
    try {
      company.handle(xml);
    } catch (error) {
      expect(error).toMatchObject({ hresult: "0x80040400", detail: expect.stringContaining("<Name> is out of schema order") });
    }
    expect(company.count("Customer")).toBe(before);
    expect(() => company.handle('<QBXML><QBXMLMsgsRq onError="stopOnError"/></QBXML>')).toThrow(/parsing/);
  });
});

describe("the simulated company as a QuickBooks version and character set", () => {
  it("stores Windows-1252 text, so other characters come back as ?", () => {
    const { company } = testCompany();
    const added = recordsOfKind(askOne(company, customerAdd("Café Ωmega 😀")), "Customer")[0]!;
    expect(added.name).toBe("Café ?mega ?");
  });

  it("as QuickBooks 2013 lists qbXML up to 12.0 and refuses a 13.0 request with 0x80042500", () => {
    const company = new SimulatedCompany({ productName: "QuickBooks Pro 2013", qbxmlVersion: { major: 12, minor: 0 } });
    expect(() => company.handle(qbxmlRequest(`<HostQueryRq/>`))).toThrow(expect.objectContaining({ hresult: "0x80042500" }));
    const older = parseQbxmlResponse(company.handle(qbxmlRequest(`<HostQueryRq/>`).replace('version="13.0"', 'version="12.0"')));
    expect(recordsOfKind(older[0]!, "Host")[0]!.supportedQbxmlVersions.at(-1)).toBe("12.0");
    const current = recordsOfKind(askOne(new SimulatedCompany(), `<HostQueryRq/>`), "Host")[0]!;
    expect(current.supportedQbxmlVersions).toEqual(expect.arrayContaining(["13.0", "16.0"]));
  });
});

describe("the simulated company's queries", () => {
  it("pages 1,200 customers 500 at a time with an iterator, and forgets the iterator when the session ends", () => {
    const { company } = testCompany({ customers: 1200 });
    expect(company.count("Customer")).toBe(1200);

    const start = askOne(
      company,
      `<CustomerQueryRq requestID="p1" iterator="Start"><MaxReturned>500</MaxReturned><ActiveStatus>All</ActiveStatus></CustomerQueryRq>`,
    );
    expect(start.records).toHaveLength(500);
    expect(start.iterator?.remainingCount).toBe(700);
    const next = (requestId: string) =>
      askOne(
        company,
        `<CustomerQueryRq requestID="${requestId}" iterator="Continue" iteratorID="${start.iterator!.id}"><MaxReturned>500</MaxReturned></CustomerQueryRq>`,
      );
    const second = next("p2");
    expect([second.records.length, second.iterator?.remainingCount]).toEqual([500, 200]);
    const third = next("p3");
    expect([third.records.length, third.iterator?.remainingCount]).toEqual([200, 0]);
    const ids = new Set([...start.records, ...second.records, ...third.records].map((record) => (record as { listId?: string }).listId));
    expect(ids.size).toBe(1200);

    const again = askOne(company, `<CustomerQueryRq iterator="Start"><MaxReturned>500</MaxReturned></CustomerQueryRq>`);
    company.endSession();
    const afterSession = askOne(
      company,
      `<CustomerQueryRq requestID="late" iterator="Continue" iteratorID="${again.iterator!.id}"><MaxReturned>500</MaxReturned></CustomerQueryRq>`,
    );
    expect(afterSession).toMatchObject({
      requestId: "late",
      statusCode: 3391,
      statusMessage: `The iteratorID "${again.iterator!.id}" is not valid.`,
    });
  });

  it("hides inactive records unless ActiveStatus says otherwise, as QuickBooks' default ActiveOnly does", () => {
    const { company } = testCompany();
    const customer = company.addCustomer({ Name: "Moved Away" });
    company.updateCustomer("Moved Away", { IsActive: "false" });
    const names = (body: string) => askOne(company, body).records.map((record) => (record as { fullName?: string }).fullName);
    expect(names(`<CustomerQueryRq/>`)).not.toContain("Moved Away");
    expect(names(`<CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq>`)).toContain("Moved Away");
    expect(names(`<CustomerQueryRq><ActiveStatus>InactiveOnly</ActiveStatus></CustomerQueryRq>`)).toEqual(["Moved Away"]);
    // Asking by ListID returns it whatever its status.
    expect(names(`<CustomerQueryRq><ListID>${customer.id}</ListID></CustomerQueryRq>`)).toEqual(["Moved Away"]);
  });

  it("answers 1 when nothing matches and 500 when some asked-for IDs are missing", () => {
    const { company } = testCompany();
    const customer = company.addCustomer({ Name: "Glenwood Law Offices" });
    expect(
      askOne(company, `<VendorQueryRq><NameFilter><MatchCriterion>StartsWith</MatchCriterion><Name>Zz</Name></NameFilter></VendorQueryRq>`),
    ).toMatchObject({
      statusCode: 1,
      statusSeverity: "Info",
      statusMessage: "A query request did not find a matching object in QuickBooks",
    });
    const partly = askOne(
      company,
      `<CustomerQueryRq><ListID>${customer.id}</ListID><ListID>80000099-1709999999</ListID></CustomerQueryRq>`,
    );
    expect(partly).toMatchObject({ statusCode: 500, statusSeverity: "Warn" });
    expect(partly.records).toHaveLength(1);
  });

  it("returns what changed since FromModifiedDate, read as QuickBooks' local time", () => {
    const { company, clock } = testCompany({ customers: 5 });
    clock.advance(3600_000);
    company.updateCustomer(company.list("Customer")[2]!.id, { Phone: "919-555-0000" });
    // 14:00Z is 09:00 at -05:00; the change happened at 10:00 local.
    const since = askOne(
      company,
      `<CustomerQueryRq><ActiveStatus>All</ActiveStatus><FromModifiedDate>2024-03-04T09:30:00</FromModifiedDate></CustomerQueryRq>`,
    );
    expect(since.records.map((record) => (record as { timeModified?: string }).timeModified)).toEqual(["2024-03-04T10:00:00-05:00"]);
  });

  it("lists deleted customers and invoices in ListDeletedQuery and TxnDeletedQuery", () => {
    const { company, clock } = testCompany({ customers: 3, items: 2, invoices: 2 });
    const customer = company.addCustomer({ Name: "Old Pier Market" });
    clock.advance(60_000);
    company.deleteCustomer("Old Pier Market");
    const invoice = company.list("Invoice")[0]!;
    company.delete("Invoice", invoice.id);

    const lists = askOne(
      company,
      `<ListDeletedQueryRq><ListDelType>Customer</ListDelType><ListDelType>Vendor</ListDelType></ListDeletedQueryRq>`,
    );
    expect(recordsOfKind(lists, "ListDeleted")).toEqual([
      expect.objectContaining({
        listDelType: "Customer",
        listId: customer.id,
        fullName: "Old Pier Market",
        timeDeleted: "2024-03-04T09:01:00-05:00",
      }),
    ]);
    const txns = askOne(company, `<TxnDeletedQueryRq><TxnDelType>Invoice</TxnDelType></TxnDeletedQueryRq>`);
    expect(recordsOfKind(txns, "TxnDeleted")).toEqual([expect.objectContaining({ txnId: invoice.id, refNumber: invoice.RefNumber })]);
    expect(askOne(company, `<CustomerQueryRq><FullName>Old Pier Market</FullName></CustomerQueryRq>`).statusCode).toBe(500);
  });
});

describe("the simulated company's invoices and payments", () => {
  const invoiceAdd = (customerId: string) =>
    `<InvoiceAddRq><InvoiceAdd><CustomerRef><ListID>${customerId}</ListID></CustomerRef><TxnDate>2024-03-01</TxnDate><RefNumber>LB-5001</RefNumber>` +
    `<TermsRef><FullName>Net 30</FullName></TermsRef>` +
    `<InvoiceLineAdd><ItemRef><FullName>Lawn Mowing</FullName></ItemRef><Quantity>3</Quantity></InvoiceLineAdd>` +
    `<InvoiceLineAdd><ItemRef><FullName>Pine Straw</FullName></ItemRef><Quantity>10</Quantity><Rate>7.25</Rate></InvoiceLineAdd></InvoiceAdd></InvoiceAddRq>`;

  it("works out line amounts, the due date and the balance, and payments bring the balance down to paid", () => {
    const { company } = testCompany({ items: 4 });
    // A non-taxable customer: the balance is the lines alone (sales tax has its own tests).
    const customer = company.addCustomer({ Name: "Falls Lake Marina", SalesTaxCodeRef: { FullName: "Non" } });
    const added = recordsOfKind(askOne(company, invoiceAdd(customer.id)), "Invoice")[0]!;
    expect(added.lines.map((line) => [line.desc, line.rate, line.amount])).toEqual([
      ["Mow, trim edges and blow clippings", 4500, 13500],
      ["Long-leaf pine straw, per bale", 725, 7250],
    ]);
    expect(added).toMatchObject({ subtotal: 20750, balanceRemaining: 20750, isPaid: false, dueDate: "2024-03-31" });

    const pay = (amount: string) =>
      askOne(
        company,
        `<ReceivePaymentAddRq><ReceivePaymentAdd><CustomerRef><ListID>${customer.id}</ListID></CustomerRef><TotalAmount>${amount}</TotalAmount>` +
          `<PaymentMethodRef><FullName>Check</FullName></PaymentMethodRef>` +
          `<AppliedToTxnAdd><TxnID>${added.txnId}</TxnID><PaymentAmount>${amount}</PaymentAmount></AppliedToTxnAdd></ReceivePaymentAdd></ReceivePaymentAddRq>`,
      );
    const first = recordsOfKind(pay("100.00"), "ReceivePayment")[0]!;
    expect(first.appliedTo).toEqual([expect.objectContaining({ txnId: added.txnId, amount: 10000, balanceRemaining: 10750 })]);
    const invoice = () =>
      recordsOfKind(
        askOne(company, `<InvoiceQueryRq><TxnID>${added.txnId}</TxnID><IncludeLinkedTxns>true</IncludeLinkedTxns></InvoiceQueryRq>`),
        "Invoice",
      )[0]!;
    expect(invoice()).toMatchObject({ balanceRemaining: 10750, appliedAmount: -10000, isPaid: false });
    // Applying a payment gives the invoice a new EditSequence.
    expect(invoice().editSequence).not.toBe(added.editSequence);
    expect(company.find("Customer", customer.id)).toMatchObject({ Balance: "107.50" });

    expect(pay("200.00").statusCode).toBe(3180);
    expect(pay("107.50").statusCode).toBe(0);
    expect(invoice()).toMatchObject({ balanceRemaining: 0, isPaid: true });
    expect(invoice().linkedTxns).toHaveLength(2);
  });

  it("adds a line for TxnLineID -1 and drops the lines an InvoiceMod leaves out", () => {
    const { company } = testCompany({ items: 4 });
    const customer = company.addCustomer({ Name: "Cedar Ridge Church" });
    const added = recordsOfKind(askOne(company, invoiceAdd(customer.id)), "Invoice")[0]!;
    const kept = added.lines[1]!;
    const mod = askOne(
      company,
      `<InvoiceModRq><InvoiceMod><TxnID>${added.txnId}</TxnID><EditSequence>${added.editSequence}</EditSequence>` +
        `<InvoiceLineMod><TxnLineID>${kept.txnLineId}</TxnLineID><Quantity>20</Quantity></InvoiceLineMod>` +
        `<InvoiceLineMod><TxnLineID>-1</TxnLineID><Desc>Trip charge</Desc><Amount>25.00</Amount></InvoiceLineMod></InvoiceMod></InvoiceModRq>`,
    );
    const changed = recordsOfKind(mod, "Invoice")[0]!;
    expect(changed.lines.map((line) => [line.txnLineId === kept.txnLineId, line.amount])).toEqual([
      [true, 14500],
      [false, 2500],
    ]);
    expect(changed.subtotal).toBe(17000);
  });
});

describe("a seeded company", () => {
  it("is the same every time for the same seed and survives a save and load", () => {
    const first = SimulatedCompany.seed(
      { customers: 30, vendors: 3, items: 6, invoices: 10, payments: 4 },
      { now: () => new Date("2024-03-04T14:00:00Z") },
    );
    const second = SimulatedCompany.seed(
      { customers: 30, vendors: 3, items: 6, invoices: 10, payments: 4 },
      { now: () => new Date("2024-03-04T14:00:00Z") },
    );
    expect(second.toJSON()).toEqual(first.toJSON());
    expect(first.stats().counts).toMatchObject({
      Customer: 30,
      Vendor: 3,
      ItemService: 3,
      ItemNonInventory: 3,
      Invoice: 10,
      ReceivePayment: 4,
    });

    const loaded = SimulatedCompany.fromJSON(JSON.parse(JSON.stringify(first)));
    const query = qbxmlRequest(
      `<InvoiceQueryRq><IncludeLineItems>true</IncludeLineItems></InvoiceQueryRq><CustomerQueryRq><ActiveStatus>All</ActiveStatus></CustomerQueryRq>`,
    );
    expect(loaded.handle(query)).toBe(first.handle(query));
    expect(askOne(loaded, customerAdd(first.list("Customer")[0]!.Name as string)).statusCode).toBe(3100);
  });

  it("holds 100,000 customers in well under 300 MB", () => {
    v8.setFlagsFromString("--expose_gc");
    const gc = vm.runInNewContext("gc") as () => void;
    gc();
    const before = process.memoryUsage().heapUsed;
    const started = performance.now();
    const company = SimulatedCompany.seed({ customers: 100_000 });
    const seconds = (performance.now() - started) / 1000;
    gc();
    const megabytes = (process.memoryUsage().heapUsed - before) / 1024 / 1024;
    expect(company.count("Customer")).toBe(100_000);
    expect(megabytes).toBeLessThan(200);
    expect(seconds).toBeLessThan(10);
  });
});
