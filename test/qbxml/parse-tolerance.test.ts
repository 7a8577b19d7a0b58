import { describe, expect, it } from "vitest";
import { parseQbxmlResponse, QbxmlParseError, recordsOfKind, type QbxmlResponse } from "@/server/qbxml";
import { readExample } from "@/test/support/qbxml-schema";

function parseError(xml: string): QbxmlParseError {
  try {
    parseQbxmlResponse(xml);
  } catch (error) {
    if (error instanceof QbxmlParseError) return error;
    throw error;
  }
  throw new Error("expected a QbxmlParseError");
}

function first(xml: string): QbxmlResponse {
  const [response] = parseQbxmlResponse(xml);
  if (response === undefined) throw new Error("no response");
  return response;
}

describe("reading responses as QuickBooks really sends them", () => {
  it("needs no <?qbxml?> line, as in real QuickBooks responses", () => {
    const xml = `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n<CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info" statusMessage="Status OK"><CustomerRet><ListID>80000021-1709280000</ListID><EditSequence>1709578931</EditSequence></CustomerRet></CustomerQueryRs>\n</QBXMLMsgsRs>\n</QBXML>\n`;
    expect(recordsOfKind(first(xml), "Customer")[0]).toMatchObject({ listId: "80000021-1709280000", editSequence: "1709578931" });
  });

  it("reads an example with its <?qbxml?> line removed the same as with it", () => {
    const example = readExample("response-customer-query-iterator.xml");
    expect(parseQbxmlResponse(example.replace('<?qbxml version="13.0"?>', ""))).toEqual(parseQbxmlResponse(example));
  });

  it("tolerates CRLF line endings, indentation and spaces around numbers", () => {
    const xml = `\r\n  <QBXML>\r\n    <QBXMLMsgsRs>\r\n      <CustomerQueryRs requestID="1" statusCode=" 0 " statusSeverity="Info" iteratorRemainingCount=" 5 " iteratorID="it">\r\n        <CustomerRet>\r\n          <Balance>\r\n            12.50\r\n          </Balance>\r\n          <Sublevel> 1 </Sublevel>\r\n        </CustomerRet>\r\n      </CustomerQueryRs>\r\n    </QBXMLMsgsRs>\r\n  </QBXML>\r\n`;
    const response = first(xml);
    expect(response).toMatchObject({ statusCode: 0, iterator: { id: "it", remainingCount: 5 }, statusMessage: "" });
    expect(recordsOfKind(response, "Customer")[0]).toMatchObject({ balance: 1250, sublevel: 1 });
  });

  it("ignores elements it does not know, inside records and as whole answers", () => {
    const xml = `<QBXML><QBXMLMsgsRs>
      <CustomerQueryRs requestID="1" statusCode="0" statusSeverity="Info"><CustomerRet><ListID>1</ListID><LoyaltyTier>Gold</LoyaltyTier><Name>Deli</Name></CustomerRet></CustomerQueryRs>
      <EmployeeQueryRs requestID="2" statusCode="0" statusSeverity="Info"><EmployeeRet><ListID>E1</ListID><Name>Sam</Name></EmployeeRet></EmployeeQueryRs>
      <CustomerAddRs requestID="3" statusCode="0" statusSeverity="Info"><CustomerRet><ListID>2</ListID></CustomerRet><ErrorRecovery><ListID>2</ListID></ErrorRecovery></CustomerAddRs>
    </QBXMLMsgsRs></QBXML>`;
    const [customers, employees, added] = parseQbxmlResponse(xml);
    expect(recordsOfKind(customers as QbxmlResponse, "Customer")[0]).toMatchObject({ listId: "1", name: "Deli" });
    expect(employees).toMatchObject({
      type: "EmployeeQuery",
      records: [{ kind: "Other", element: "EmployeeRet", listId: "E1", name: "Sam" }],
    });
    expect(added?.records).toHaveLength(1);
  });

  it("reads the item types it has no reader for from an ItemQuery by their identity", () => {
    const xml = `<QBXML><QBXMLMsgsRs><ItemQueryRs requestID="i" statusCode="0" statusSeverity="Info">
      <ItemServiceRet><ListID>S1</ListID><Name>Setup</Name></ItemServiceRet>
      <ItemInventoryRet><ListID>I1</ListID><EditSequence>7</EditSequence><FullName>Flour</FullName></ItemInventoryRet>
    </ItemQueryRs></QBXMLMsgsRs></QBXML>`;
    expect(first(xml).records.map((record) => record.kind)).toEqual(["ItemService", "Other"]);
    expect(first(xml).records[1]).toMatchObject({ element: "ItemInventoryRet", listId: "I1", editSequence: "7", fullName: "Flour" });
  });

  it("leaves missing optional fields undefined and lists empty", () => {
    const xml = `<QBXML><QBXMLMsgsRs><InvoiceQueryRs statusCode="0" statusSeverity="Info"><InvoiceRet><TxnID>T1</TxnID><Memo/><Subtotal></Subtotal></InvoiceRet></InvoiceQueryRs></QBXMLMsgsRs></QBXML>`;
    const response = first(xml);
    expect(response.requestId).toBeUndefined();
    const [invoice] = recordsOfKind(response, "Invoice");
    expect(invoice).toMatchObject({ txnId: "T1", memo: "", lines: [], linkedTxns: [], customFields: [] });
    expect(invoice?.subtotal).toBeUndefined();
    expect(invoice?.editSequence).toBeUndefined();
  });

  it("reads a Warn answer with its records (QuickBooks did process it)", () => {
    const xml = `<QBXML><QBXMLMsgsRs><CustomerQueryRs requestID="w" statusCode="500" statusSeverity="Warn" statusMessage="The query request has not been fully completed. There was a required element (&quot;80000099-1&quot;) that could not be found in QuickBooks."><CustomerRet><ListID>1</ListID></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`;
    expect(first(xml)).toMatchObject({
      statusCode: 500,
      statusSeverity: "Warn",
      retCount: 1,
      records: [{ kind: "Customer", listId: "1" }],
    });
    expect(first(xml).statusMessage).toContain('("80000099-1")');
  });

  it("prefers QuickBooks' retCount attribute when present", () => {
    const xml = `<QBXML><QBXMLMsgsRs><VendorQueryRs statusCode="0" statusSeverity="Info" retCount="3"><VendorRet/></VendorQueryRs></QBXMLMsgsRs></QBXML>`;
    expect(first(xml).retCount).toBe(3);
  });

  it("decodes entities and character references in text and attributes", () => {
    const xml = `<QBXML><QBXMLMsgsRs><CustomerAddRs requestID="a&amp;b" statusCode="0" statusSeverity="Info"><CustomerRet><Name>Caf&#233; &lt;Nord&gt; &amp; Co &#x2013; &quot;1&quot;</Name></CustomerRet></CustomerAddRs></QBXMLMsgsRs></QBXML>`;
    expect(first(xml).requestId).toBe("a&b");
    expect(recordsOfKind(first(xml), "Customer")[0]?.name).toBe('Café <Nord> & Co – "1"');
  });

  it("keeps spaces inside names exactly as QuickBooks sent them", () => {
    const xml = `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info"><CustomerRet><Name> Deli  Two </Name></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`;
    expect(recordsOfKind(first(xml), "Customer")[0]?.name).toBe(" Deli  Two ");
  });
});

describe("responses that cannot be read", () => {
  it.each([
    ["an empty string", ""],
    ["plain text", "Internal Server Error"],
    ["an HTML error page", "<html><body><h1>502 Bad Gateway</h1></body></html>"],
    [
      "a response cut off mid-record",
      `<?xml version="1.0" ?><QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info"><CustomerRet><ListID>80000021`,
    ],
    ["a response cut off inside a tag", `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSev`],
    ["a document without QBXMLMsgsRs", "<QBXML><SignonMsgsRs/></QBXML>"],
    ["a DOCTYPE with an entity (never sent by QuickBooks)", `<!DOCTYPE QBXML [<!ENTITY big "x">]><QBXML><QBXMLMsgsRs/></QBXML>`],
    ["an answer without a statusCode", `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusSeverity="Info"/></QBXMLMsgsRs></QBXML>`],
    [
      "a statusCode that is not a number",
      `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="OK" statusSeverity="Info"/></QBXMLMsgsRs></QBXML>`,
    ],
    ["an unknown severity", `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Fatal"/></QBXMLMsgsRs></QBXML>`],
    [
      "an amount with a decimal comma",
      `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info"><CustomerRet><Balance>12,50</Balance></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
    ],
  ])("refuses %s with a QbxmlParseError in plain language", (_case, xml) => {
    const error = parseError(xml);
    expect(error.name).toBe("QbxmlParseError");
    expect(error.message).toMatch(/^The |^CustomerRet\./);
    expect(error.message).not.toMatch(/Index:|Ln:|Col:|zod|invalid_type|Invalid XML name/i);
  });

  it("says what is wrong", () => {
    expect(parseError("Internal Server Error").message).toBe("The QuickBooks response is not well-formed XML.");
    expect(parseError("<html><body/></html>").message).toBe(
      "The QuickBooks response starts with <html> instead of <QBXML>, so it is not a qbXML response.",
    );
    expect(parseError(`<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info"><CustomerRet>`).message).toContain(
      "it was probably cut off",
    );
    expect(parseError(`<QBXML><QBXMLMsgsRs><CustomerQueryRs statusSeverity="Info"/></QBXMLMsgsRs></QBXML>`).message).toBe(
      "The CustomerQueryRs answer has a missing or invalid statusCode attribute.",
    );
    expect(
      parseError(
        `<QBXML><QBXMLMsgsRs><CustomerQueryRs statusCode="0" statusSeverity="Info"><CustomerRet><Balance>12,50</Balance></CustomerRet></CustomerQueryRs></QBXMLMsgsRs></QBXML>`,
      ).message,
    ).toBe('CustomerRet.Balance is "12,50", which is not an amount.');
  });
});
