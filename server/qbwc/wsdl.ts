import { create } from "xmlbuilder2";

/** The Web Connector's namespace; the guide says it must be kept exactly. */
export const QBWC_NAMESPACE = "http://developer.intuit.com/";
export const SERVICE_NAME = "QBWebConnectorSvc";
export const PORT_NAME = "QBWebConnectorSvcSoap";

type XsdType = "string" | "int" | "ArrayOfString";
interface Field {
  name: string;
  type: XsdType;
  /** Value types (int) are required in .NET's WSDL; strings and arrays are optional. */
  required?: boolean;
}
interface Operation {
  input: Field[];
  result: XsdType;
}

/**
 * The eight methods QBWC calls, with their wire parameter names and result types (docs: qbwc.md).
 * serverVersion keeps the optional strVersion that Intuit's WSDL declares, although QBWC sends none.
 */
export const QBWC_OPERATIONS = {
  serverVersion: { input: [{ name: "strVersion", type: "string" }], result: "string" },
  clientVersion: { input: [{ name: "strVersion", type: "string" }], result: "string" },
  authenticate: {
    input: [
      { name: "strUserName", type: "string" },
      { name: "strPassword", type: "string" },
    ],
    result: "ArrayOfString",
  },
  sendRequestXML: {
    input: [
      { name: "ticket", type: "string" },
      { name: "strHCPResponse", type: "string" },
      { name: "strCompanyFileName", type: "string" },
      { name: "qbXMLCountry", type: "string" },
      { name: "qbXMLMajorVers", type: "int", required: true },
      { name: "qbXMLMinorVers", type: "int", required: true },
    ],
    result: "string",
  },
  receiveResponseXML: {
    input: [
      { name: "ticket", type: "string" },
      { name: "response", type: "string" },
      { name: "hresult", type: "string" },
      { name: "message", type: "string" },
    ],
    result: "int",
  },
  connectionError: {
    input: [
      { name: "ticket", type: "string" },
      { name: "hresult", type: "string" },
      { name: "message", type: "string" },
    ],
    result: "string",
  },
  getLastError: { input: [{ name: "ticket", type: "string" }], result: "string" },
  closeConnection: { input: [{ name: "ticket", type: "string" }], result: "string" },
} as const satisfies Record<string, Operation>;

export type QbwcMethod = keyof typeof QBWC_OPERATIONS;
export const QBWC_METHODS = Object.keys(QBWC_OPERATIONS) as QbwcMethod[];

export function isQbwcMethod(name: string): name is QbwcMethod {
  return Object.hasOwn(QBWC_OPERATIONS, name);
}

/** The SOAPAction QBWC sends for a method, e.g. "http://developer.intuit.com/sendRequestXML". */
export function soapActionOf(method: QbwcMethod): string {
  return `${QBWC_NAMESPACE}${method}`;
}

/** Our own WSDL (SOAP 1.1, document/literal, wrapped) with soap:address set to the given endpoint URL. */
export function qbwcWsdl(address: string): string {
  const root = create({ version: "1.0", encoding: "utf-8" }).ele("wsdl:definitions", {
    "xmlns:wsdl": "http://schemas.xmlsoap.org/wsdl/",
    "xmlns:soap": "http://schemas.xmlsoap.org/wsdl/soap/",
    "xmlns:s": "http://www.w3.org/2001/XMLSchema",
    "xmlns:tns": QBWC_NAMESPACE,
    targetNamespace: QBWC_NAMESPACE,
  });

  const schema = root.ele("wsdl:types").ele("s:schema", { elementFormDefault: "qualified", targetNamespace: QBWC_NAMESPACE });
  for (const [method, operation] of Object.entries(QBWC_OPERATIONS) as [QbwcMethod, Operation][]) {
    addWrapperElement(schema, method, operation.input);
    addWrapperElement(schema, `${method}Response`, [
      { name: `${method}Result`, type: operation.result, required: operation.result === "int" },
    ]);
  }
  schema
    .ele("s:complexType", { name: "ArrayOfString" })
    .ele("s:sequence")
    .ele("s:element", { minOccurs: "0", maxOccurs: "unbounded", name: "string", nillable: "true", type: "s:string" });

  for (const method of QBWC_METHODS) {
    root.ele("wsdl:message", { name: `${method}SoapIn` }).ele("wsdl:part", { name: "parameters", element: `tns:${method}` });
    root.ele("wsdl:message", { name: `${method}SoapOut` }).ele("wsdl:part", { name: "parameters", element: `tns:${method}Response` });
  }

  const portType = root.ele("wsdl:portType", { name: PORT_NAME });
  for (const method of QBWC_METHODS) {
    const operation = portType.ele("wsdl:operation", { name: method });
    operation.ele("wsdl:input", { message: `tns:${method}SoapIn` });
    operation.ele("wsdl:output", { message: `tns:${method}SoapOut` });
  }

  const binding = root.ele("wsdl:binding", { name: PORT_NAME, type: `tns:${PORT_NAME}` });
  binding.ele("soap:binding", { transport: "http://schemas.xmlsoap.org/soap/http", style: "document" });
  for (const method of QBWC_METHODS) {
    const operation = binding.ele("wsdl:operation", { name: method });
    operation.ele("soap:operation", { soapAction: soapActionOf(method), style: "document" });
    operation.ele("wsdl:input").ele("soap:body", { use: "literal" });
    operation.ele("wsdl:output").ele("soap:body", { use: "literal" });
  }

  root
    .ele("wsdl:service", { name: SERVICE_NAME })
    .ele("wsdl:port", { name: PORT_NAME, binding: `tns:${PORT_NAME}` })
    .ele("soap:address", { location: address });

  return root.end({ prettyPrint: true });
}

type Builder = ReturnType<typeof create>;

function addWrapperElement(schema: Builder, name: string, fields: readonly Field[]) {
  const sequence = schema.ele("s:element", { name }).ele("s:complexType").ele("s:sequence");
  for (const field of fields) {
    sequence.ele("s:element", {
      minOccurs: field.required ? "1" : "0",
      maxOccurs: "1",
      name: field.name,
      type: field.type === "ArrayOfString" ? "tns:ArrayOfString" : `s:${field.type}`,
    });
  }
}
