import { z } from "zod";
import { QbxmlParseError } from "./errors";
import { readRecords } from "./parse-records";
import type { QbxmlRecord, RecordKind } from "./records";
import { childElement, readXmlDocument, type XmlElement } from "./xml-read";

export type { QbxmlResponse, StatusSeverity, IteratorState };
export { parseQbxmlResponse, recordsOfKind };

/** 0-499 Info, 500-999 Warn (QuickBooks did process the request), 1000+ Error. */
type StatusSeverity = "Info" | "Warn" | "Error";

interface IteratorState {
  readonly id: string;
  /** Send the same query with iterator "Continue" and this id while the count is above 0. */
  readonly remainingCount: number;
}

/** One *Rs element: the answer to the request with the same requestID. */
interface QbxmlResponse {
  readonly requestId: string | undefined;
  /** The element name without "Rs", e.g. "CustomerAdd", "CustomerQuery". */
  readonly type: string;
  readonly statusCode: number;
  readonly statusSeverity: StatusSeverity;
  readonly statusMessage: string;
  readonly records: readonly QbxmlRecord[];
  readonly iterator: IteratorState | null;
  /** The retCount attribute when QuickBooks sends one, otherwise the number of records. */
  readonly retCount: number;
}

const integerText = z
  .string()
  .trim()
  .regex(/^[+-]?\d+$/)
  .transform(Number);

const statusAttributes = z.object({
  requestID: z.string().optional(),
  statusCode: integerText,
  statusSeverity: z.enum(["Info", "Warn", "Error"]),
  statusMessage: z.string().optional(),
  retCount: integerText.optional(),
  iteratorRemainingCount: integerText.optional(),
  iteratorID: z.string().optional(),
});

/**
 * Reads a QBXML response document (the `response` of receiveResponseXML, or strHCPResponse) into
 * one entry per *Rs element, in document order. Throws QbxmlParseError when it cannot be read.
 */
function parseQbxmlResponse(xml: string): QbxmlResponse[] {
  const root = readXmlDocument(xml, "QuickBooks response");
  if (root.name !== "QBXML") {
    throw new QbxmlParseError(`The QuickBooks response starts with <${root.name}> instead of <QBXML>, so it is not a qbXML response.`);
  }
  const messages = childElement(root, "QBXMLMsgsRs");
  if (messages === undefined) {
    throw new QbxmlParseError("The QuickBooks response has no QBXMLMsgsRs element, so it holds no answers.");
  }
  return messages.children.filter((child) => child.name.endsWith("Rs")).map(readResponse);
}

function recordsOfKind<K extends RecordKind>(response: QbxmlResponse, kind: K): Extract<QbxmlRecord, { kind: K }>[] {
  return response.records.filter((record): record is Extract<QbxmlRecord, { kind: K }> => record.kind === kind);
}

function readResponse(rs: XmlElement): QbxmlResponse {
  const parsed = statusAttributes.safeParse(rs.attributes);
  if (!parsed.success) {
    const attribute = String(parsed.error.issues[0]?.path[0] ?? "status");
    throw new QbxmlParseError(`The ${rs.name} answer has a missing or invalid ${attribute} attribute.`);
  }
  const status = parsed.data;
  const records = readRecords(rs);
  return {
    requestId: status.requestID,
    type: rs.name.slice(0, -"Rs".length),
    statusCode: status.statusCode,
    statusSeverity: status.statusSeverity,
    statusMessage: status.statusMessage ?? "",
    records,
    iterator: status.iteratorID === undefined ? null : { id: status.iteratorID, remainingCount: status.iteratorRemainingCount ?? 0 },
    retCount: status.retCount ?? records.length,
  };
}
