import { describe, expect, it } from "vitest";
import {
  accountQueryRq,
  buildQbxml,
  classQueryRq,
  customerAddRq,
  customerModRq,
  customerQueryRq,
  hostQueryRq,
  invoiceAddRq,
  invoiceModRq,
  invoiceQueryRq,
  itemServiceAddRq,
  listDeletedQueryRq,
  paymentMethodAddRq,
  QbxmlFieldError,
  receivePaymentAddRq,
  standardTermsQueryRq,
  vendorAddRq,
  type QbxmlRequest,
} from "@/server/qbxml";
import { childElement, readXmlDocument, type XmlElement } from "@/server/qbxml/xml-read";

function fieldError(run: () => unknown): QbxmlFieldError {
  try {
    run();
  } catch (error) {
    if (error instanceof QbxmlFieldError) return error;
    throw error;
  }
  throw new Error("expected a QbxmlFieldError");
}

/** The *Rq elements of a built document, read back with an XML parser. */
function requestsIn(xml: string): readonly XmlElement[] {
  return childElement(readXmlDocument(xml, "request"), "QBXMLMsgsRq")?.children ?? [];
}

function onlyRequest(request: QbxmlRequest): XmlElement {
  const [element] = requestsIn(buildQbxml(request));
  if (element === undefined) throw new Error("no request element");
  return element;
}

function at(element: XmlElement, ...path: string[]): XmlElement {
  return path.reduce((current, name) => {
    const next = childElement(current, name);
    if (next === undefined) throw new Error(`no ${name} in ${current.name}`);
    return next;
  }, element);
}

const names = (element: XmlElement): string[] => element.children.map((child) => child.name);

describe("field limits", () => {
  it("refuses a customer name longer than 41 characters, naming the field, the limit and the length", () => {
    const error = fieldError(() => customerAddRq({ name: "A".repeat(42) }));
    expect(error.field).toBe("CustomerAdd.Name");
    expect(error.limit).toBe(41);
    expect(error.actual).toBe(42);
    expect(error.message).toBe("CustomerAdd.Name is 42 characters long; QuickBooks allows at most 41.");
  });

  it("accepts a name of exactly the limit", () => {
    expect(at(onlyRequest(customerAddRq({ name: "A".repeat(41) })), "CustomerAdd", "Name").text).toHaveLength(41);
  });

  it("uses each field's own limit: 31 for item names, 11 for invoice numbers, 20 for payment numbers", () => {
    expect(fieldError(() => itemServiceAddRq({ name: "S".repeat(32), salesOrPurchase: {} })).limit).toBe(31);
    const invoice = fieldError(() => invoiceAddRq({ customer: { fullName: "Deli" }, refNumber: "LB-000005001", lines: [] }));
    expect([invoice.field, invoice.limit, invoice.actual]).toEqual(["InvoiceAdd.RefNumber", 11, 12]);
    const payment = fieldError(() => receivePaymentAddRq({ customer: { fullName: "Deli" }, refNumber: "R".repeat(21), isAutoApply: true }));
    expect([payment.field, payment.limit]).toEqual(["ReceivePaymentAdd.RefNumber", 20]);
  });

  it("names the path of nested fields, lines and refs", () => {
    expect(fieldError(() => customerAddRq({ name: "Deli", billAddress: { addr1: "x".repeat(42) } })).field).toBe(
      "CustomerAdd.BillAddress.Addr1",
    );
    expect(fieldError(() => customerAddRq({ name: "Deli", terms: { fullName: "Net 30 days from the end of the month" } })).field).toBe(
      "CustomerAdd.TermsRef.FullName",
    );
    expect(fieldError(() => customerAddRq({ name: "Deli", salesTaxCode: { fullName: "Taxable" } })).limit).toBe(3);
    const line = fieldError(() => invoiceAddRq({ customer: { fullName: "Deli" }, lines: [{ desc: "ok" }, { desc: "d".repeat(4096) }] }));
    expect([line.field, line.limit]).toEqual(["InvoiceAdd.InvoiceLineAdd[1].Desc", 4095]);
  });

  it("checks the length after folding, so a ligature that becomes two letters can push a name over", () => {
    const error = fieldError(() => customerAddRq({ name: `${"A".repeat(40)}ﬁ` }));
    expect([error.limit, error.actual]).toEqual([41, 42]);
  });

  it("refuses an over-long EditSequence or ListID", () => {
    expect(fieldError(() => customerModRq({ listId: "80000021-1709280000", editSequence: "1".repeat(17) })).field).toBe(
      "CustomerMod.EditSequence",
    );
    expect(fieldError(() => customerModRq({ listId: "8".repeat(37), editSequence: "1" })).limit).toBe(36);
  });
});

describe("names and text", () => {
  it("refuses ':' in a name, because QuickBooks reads it as the parent:child separator", () => {
    const error = fieldError(() => vendorAddRq({ name: "Mill: North" }));
    expect(error.field).toBe("VendorAdd.Name");
    expect(error.message).toContain('contains ":"');
  });

  it("refuses an empty name", () => {
    expect(fieldError(() => paymentMethodAddRq({ name: "  " })).message).toBe("PaymentMethodAdd.Name must not be empty.");
  });

  it("keeps ':' in a FullName reference, where it is the hierarchy separator", () => {
    const invoice = onlyRequest(invoiceAddRq({ customer: { fullName: "Harbor Light Bakery:Wedding 2024-06" }, lines: [] }));
    expect(at(invoice, "InvoiceAdd", "CustomerRef", "FullName").text).toBe("Harbor Light Bakery:Wedding 2024-06");
  });

  it('escapes & < > in text and " in attributes, and the values read back unchanged', () => {
    const name = `Tom & Jerry's "Bakery" <Main>`;
    const xml = buildQbxml(customerAddRq({ name, notes: "a < b && c > d" }, { requestId: `say "hi" & 'bye'` }));
    expect(xml).toContain('<Name>Tom &amp; Jerry\'s "Bakery" &lt;Main&gt;</Name>');
    expect(xml).toContain("requestID=\"say &quot;hi&quot; &amp; 'bye'\"");
    const [request] = requestsIn(xml);
    expect(request?.attributes.requestID).toBe(`say "hi" & 'bye'`);
    expect(at(request as XmlElement, "CustomerAdd", "Name").text).toBe(name);
    expect(at(request as XmlElement, "CustomerAdd", "Notes").text).toBe("a < b && c > d");
  });

  it("sends text that looks like an XML entity exactly as typed, in one request and in a batch", () => {
    const name = "Smith &amp; Sons &quot;Best&quot;";
    const single = buildQbxml(customerAddRq({ name }));
    expect(at(requestsIn(single)[0] as XmlElement, "CustomerAdd", "Name").text).toBe(name);
    const batch = buildQbxml([customerAddRq({ name }, { requestId: "1" }), customerAddRq({ name: "Other" }, { requestId: "2" })]);
    expect(at(requestsIn(batch)[0] as XmlElement, "CustomerAdd", "Name").text).toBe(name);
  });

  it("sends folded text and refuses what cannot be folded", () => {
    expect(at(onlyRequest(customerAddRq({ name: "Erdős Bakery" })), "CustomerAdd", "Name").text).toBe("Erdos Bakery");
    const error = fieldError(() => customerAddRq({ name: "Bakery", notes: "Thanks 🙏" }));
    expect([error.field, error.character]).toEqual(["CustomerAdd.Notes", "🙏"]);
  });
});

describe("values", () => {
  it("writes money from cents and quantities as given", () => {
    const line = at(
      onlyRequest(invoiceAddRq({ customer: { fullName: "Deli" }, lines: [{ quantity: 2.5, rate: 712.5, amount: 1781 }] })),
      "InvoiceAdd",
      "InvoiceLineAdd",
    );
    expect(line.children.map((child) => [child.name, child.text])).toEqual([
      ["Quantity", "2.5"],
      ["Rate", "7.125"],
      ["Amount", "17.81"],
    ]);
  });

  it("refuses dates that are not real YYYY-MM-DD dates", () => {
    expect(fieldError(() => invoiceAddRq({ customer: { fullName: "Deli" }, txnDate: "2024-02-30", lines: [] })).message).toContain(
      "YYYY-MM-DD",
    );
    expect(() => invoiceAddRq({ customer: { fullName: "Deli" }, txnDate: "2024-3-1", lines: [] })).toThrow(QbxmlFieldError);
    expect(() => invoiceAddRq({ customer: { fullName: "Deli" }, txnDate: "2024-02-29", lines: [] })).not.toThrow();
  });

  it("passes QuickBooks date-times through, and refuses JavaScript ISO strings with Z and milliseconds", () => {
    expect(at(onlyRequest(customerQueryRq({ fromModifiedDate: "2024-03-04T14:02:11-05:00" })), "FromModifiedDate").text).toBe(
      "2024-03-04T14:02:11-05:00",
    );
    const error = fieldError(() => customerQueryRq({ fromModifiedDate: new Date(Date.UTC(2024, 2, 1)).toISOString() }));
    expect(error.field).toBe("CustomerQueryRq.FromModifiedDate");
    expect(error.message).toContain('no "Z", no milliseconds');
  });

  it("refuses an OwnerID that is neither 0 nor a braced GUID", () => {
    expect(fieldError(() => customerQueryRq({ ownerIds: ["3F2504E0-4F89-41D3-9A0C-0305E82C3301"] })).field).toBe(
      "CustomerQueryRq.OwnerID[0]",
    );
  });
});

describe("references", () => {
  it("sends the ListID when the reference has one", () => {
    const ref = at(onlyRequest(invoiceAddRq({ customer: { listId: "80000021-1709280000" }, lines: [] })), "InvoiceAdd", "CustomerRef");
    expect(ref.children.map((child) => [child.name, child.text])).toEqual([["ListID", "80000021-1709280000"]]);
  });

  it("refuses a reference with both a ListID and a FullName", () => {
    // @ts-expect-error a RefInput holds one of the two
    const error = fieldError(() => invoiceAddRq({ customer: { listId: "80000021-1709280000", fullName: "Deli" }, lines: [] }));
    expect(error.field).toBe("InvoiceAdd.CustomerRef");
  });
});

describe("modifications", () => {
  it("puts ListID and EditSequence first in a Mod", () => {
    const mod = at(
      onlyRequest(customerModRq({ listId: "80000021-1709280000", editSequence: "1709280000", phone: "207-555-0199", name: "Deli" })),
      "CustomerMod",
    );
    expect(names(mod)).toEqual(["ListID", "EditSequence", "Name", "Phone"]);
  });

  it("gives new invoice lines TxnLineID -1 and keeps the TxnLineID of existing ones", () => {
    const mod = at(
      onlyRequest(
        invoiceModRq({
          txnId: "1A7-1710500000",
          editSequence: "1710500000",
          lines: [
            { txnLineId: "1A9-1710500000", quantity: 30 },
            { item: { fullName: "Rye Loaf" }, quantity: 10 },
          ],
        }),
      ),
      "InvoiceMod",
    );
    expect(names(mod)).toEqual(["TxnID", "EditSequence", "InvoiceLineMod", "InvoiceLineMod"]);
    expect(mod.children.slice(2).map((line) => at(line, "TxnLineID").text)).toEqual(["1A9-1710500000", "-1"]);
  });

  it("refuses an empty EditSequence", () => {
    expect(fieldError(() => customerModRq({ listId: "80000021-1709280000", editSequence: "" })).field).toBe("CustomerMod.EditSequence");
  });
});

describe("queries", () => {
  it("asks for active and inactive records by default, because the schema default hides inactive ones", () => {
    expect(at(onlyRequest(customerQueryRq({ maxReturned: 10 })), "ActiveStatus").text).toBe("All");
    expect(at(onlyRequest(standardTermsQueryRq()), "ActiveStatus").text).toBe("All");
    expect(at(onlyRequest(customerQueryRq({ activeStatus: "ActiveOnly" })), "ActiveStatus").text).toBe("ActiveOnly");
  });

  it("sends no filters with a ListID selection (the schema makes them a choice)", () => {
    expect(names(onlyRequest(customerQueryRq({ listIds: ["1"], ownerIds: ["0"] })))).toEqual(["ListID", "OwnerID"]);
  });

  it("refuses an empty ID list, which would otherwise select the whole list", () => {
    expect(fieldError(() => customerQueryRq({ listIds: [] })).field).toBe("CustomerQueryRq.ListID");
    expect(fieldError(() => invoiceQueryRq({ refNumbers: [] })).field).toBe("InvoiceQueryRq.RefNumber");
    expect(fieldError(() => listDeletedQueryRq({ listDelTypes: [] })).field).toBe("ListDeletedQueryRq.ListDelType");
  });

  it("refuses two date filters on one transaction query", () => {
    const query = { modifiedDateRange: { from: "2024-03-01" }, txnDateRange: { from: "2024-03-01" } };
    // @ts-expect-error ModifiedDateRangeFilter and TxnDateRangeFilter are a choice
    expect(fieldError(() => invoiceQueryRq(query)).field).toBe("InvoiceQueryRq.TxnDateRangeFilter");
  });
});

describe("iterators", () => {
  it("puts iterator and iteratorID on the query types that accept them", () => {
    const start = onlyRequest(customerQueryRq({ maxReturned: 100 }, { requestId: "s-1", iterator: "Start" }));
    expect(start.attributes).toEqual({ requestID: "s-1", iterator: "Start" });
    const next = onlyRequest(
      invoiceQueryRq({ maxReturned: 100 }, { iterator: "Continue", iteratorId: "{7d3c1a52-9e41-4b7f-a0c2-5f18e6b9d403}" }),
    );
    expect(next.attributes).toEqual({ iterator: "Continue", iteratorID: "{7d3c1a52-9e41-4b7f-a0c2-5f18e6b9d403}" });
  });

  it("cannot put an iterator on a query type that has none in qbXML 13.0", () => {
    // @ts-expect-error AccountQueryRq takes RequestOptions, which have no iterator
    const account = fieldError(() => accountQueryRq({}, { iterator: "Start" }));
    expect(account.message).toContain("AccountQueryRq.iterator is not accepted");
    const options: { iterator: "Start" } = { iterator: "Start" };
    // @ts-expect-error not even through a variable
    expect(() => classQueryRq({}, options)).toThrow(QbxmlFieldError);
    // @ts-expect-error nor on an Add
    expect(() => customerAddRq({ name: "Deli" }, { iterator: "Continue", iteratorId: "x" })).toThrow(QbxmlFieldError);
  });

  it("needs the iteratorID to continue, and none to start", () => {
    // @ts-expect-error Continue needs an iteratorId
    expect(fieldError(() => customerQueryRq({}, { iterator: "Continue" })).field).toBe("CustomerQueryRq.iteratorID");
    // @ts-expect-error Start takes none
    expect(() => customerQueryRq({}, { iterator: "Start", iteratorId: "x" })).toThrow(QbxmlFieldError);
  });
});

describe("payments", () => {
  it("refuses a payment applied to an empty list of invoices", () => {
    expect(fieldError(() => receivePaymentAddRq({ customer: { fullName: "Deli" }, appliedTo: [] })).field).toBe(
      "ReceivePaymentAdd.AppliedToTxnAdd",
    );
  });
});

describe("documents and batches", () => {
  it("continues on error by default and stops on error when asked", () => {
    expect(buildQbxml(hostQueryRq())).toContain('<QBXMLMsgsRq onError="continueOnError">');
    expect(buildQbxml(hostQueryRq(), { onError: "stopOnError" })).toContain('<QBXMLMsgsRq onError="stopOnError">');
  });

  it("keeps the requests of a batch in order, each with its requestID", () => {
    const xml = buildQbxml([hostQueryRq({}, { requestId: "h" }), customerQueryRq({ listIds: ["1"] }, { requestId: "c" })]);
    expect(requestsIn(xml).map((request) => [request.name, request.attributes.requestID])).toEqual([
      ["HostQueryRq", "h"],
      ["CustomerQueryRq", "c"],
    ]);
  });

  it("refuses a requestID longer than 50 characters", () => {
    const error = fieldError(() => hostQueryRq({}, { requestId: "r".repeat(51) }));
    expect([error.field, error.limit, error.actual]).toEqual(["HostQueryRq.requestID", 50, 51]);
  });

  it("refuses a batch where a request has no requestID or shares one", () => {
    expect(fieldError(() => buildQbxml([hostQueryRq({}, { requestId: "a" }), hostQueryRq()])).field).toBe(
      "QBXMLMsgsRq[1].HostQueryRq.requestID",
    );
    expect(fieldError(() => buildQbxml([hostQueryRq({}, { requestId: "a" }), classQueryRq({}, { requestId: "a" })])).message).toContain(
      '"a" is used twice',
    );
    expect(() => buildQbxml([])).toThrow(QbxmlFieldError);
  });
});
