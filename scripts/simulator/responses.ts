import type { Outcome } from "./handlers";
import { XmlWriter } from "./xml";

export { responseDocument, writeRs };

/** What QuickBooks' request processor returns: no encoding, no <?qbxml?> line (reference README). */
function responseDocument(responses: readonly string[]): string {
  return `<?xml version="1.0" ?>\n<QBXML>\n<QBXMLMsgsRs>\n${responses.join("\n")}\n</QBXMLMsgsRs>\n</QBXML>\n`;
}

/**
 * One *Rs: the request's requestID echoed, the status, and for iterators how many records are left and
 * the iteratorID to continue with; then the *Ret elements unless responseData="includeNone".
 */
function writeRs(type: string, requestId: string | undefined, outcome: Outcome, includeNone: boolean): string {
  const writer = new XmlWriter();
  const name = `${type}Rs`;
  const attributes = {
    requestID: requestId,
    statusCode: String(outcome.status.code),
    statusSeverity: outcome.status.severity,
    statusMessage: outcome.status.message,
    iteratorRemainingCount: outcome.iterator ? String(outcome.iterator.remaining) : undefined,
    iteratorID: outcome.iterator?.id,
  };
  const body = new XmlWriter();
  if (!includeNone) outcome.write?.(body);
  const inner = body.toString();
  if (inner === "") {
    writer.empty(name, attributes);
  } else {
    writer.open(name, attributes);
    writer.raw(inner);
    writer.close(name);
  }
  return writer.toString();
}
