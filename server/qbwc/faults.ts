import { create } from "xmlbuilder2";
import { AppError } from "@/server/errors";
import { databaseFault } from "@/server/health";

/** What QBWC expects on every SOAP answer; application/xml made it fail authenticate (QBWC1012). */
export const XML_CONTENT_TYPE = "text/xml; charset=utf-8";

const SOAP_ENVELOPE = "http://schemas.xmlsoap.org/soap/envelope/";

/** A refused or failed call: whose fault it is and one sentence for the person reading QBWC's log. */
export interface SoapProblem {
  fault: "Client" | "Server";
  message: string;
}

const INTERNAL_MESSAGE =
  "Ledgerbridge could not handle this call because of an internal error. The details are in the server log; try again later.";

/**
 * Domain errors become faults here and nowhere else: an AppError's sentence is shown as is, anything else
 * is logged and replaced by a sentence that gives away no stack, path or library text.
 */
export function problemOf(error: unknown, context: string): SoapProblem {
  if (error instanceof AppError) return { fault: error.code === "BAD_INPUT" ? "Client" : "Server", message: error.message };
  console.error(`Web Connector ${context} failed:`, error);
  return { fault: "Server", message: databaseFault(error) ?? INTERNAL_MESSAGE };
}

/** A SOAP 1.1 Fault envelope; it is sent with HTTP 500, as SOAP 1.1 over HTTP requires. */
export function soapFault(problem: SoapProblem): string {
  return (
    create({ version: "1.0", encoding: "utf-8" })
      .ele(SOAP_ENVELOPE, "soap:Envelope")
      .ele(SOAP_ENVELOPE, "soap:Body")
      .ele(SOAP_ENVELOPE, "soap:Fault")
      // faultcode and faultstring are unqualified in SOAP 1.1.
      .ele("faultcode")
      .txt(`soap:${problem.fault}`)
      .up()
      .ele("faultstring")
      .txt(problem.message)
      .doc()
      .end()
  );
}
