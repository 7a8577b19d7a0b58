import { fragment } from "xmlbuilder2";
import { QbxmlFieldError } from "./errors";
import { checkText } from "./fields";
import { MAX_LENGTH } from "./limits";
import type { IteratorOptions, OnError, QbxmlRequest, RequestOptions } from "./types";
import type { Scope } from "./xml-write";

export type { BuildOptions };
export { buildQbxml, createRequest };

interface BuildOptions {
  /** continueOnError (default): every request is attempted and gets its own status. */
  readonly onError?: OnError;
}

/**
 * One qbXML 13.0 request document holding the given requests in one QBXMLMsgsRq. With more than
 * one request every request needs its own requestID, because responses are matched by it.
 */
function buildQbxml(requests: QbxmlRequest | readonly QbxmlRequest[], options: BuildOptions = {}): string {
  const list = ([] as readonly QbxmlRequest[]).concat(requests);
  checkBatch(list);
  // The requests are already serialised; joining them as text (not re-parsing) keeps their escaping intact.
  const onError = options.onError ?? "continueOnError";
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<?qbxml version="13.0"?>',
    "<QBXML>",
    `  <QBXMLMsgsRq onError="${onError}">`,
    ...list.map((request) => `    ${request.xml}`),
    "  </QBXMLMsgsRq>",
    "</QBXML>",
  ].join("\n");
}

/** Runs a builder's writer into a detached *Rq element, so every check happens when the builder is called. */
function createRequest(
  type: string,
  options: RequestOptions | IteratorOptions | undefined,
  write: (rq: Scope) => void,
  accepts: { readonly iterator: boolean } = { iterator: false },
): QbxmlRequest {
  // Keep the checked ID: it is what QuickBooks will echo back.
  const requestId = options?.requestId === undefined ? undefined : checkRequestId(`${type}.requestID`, options.requestId);
  const attributes = {
    ...(requestId === undefined ? {} : { requestID: requestId }),
    ...iteratorAttributes(type, options, accepts.iterator),
  };
  const node = fragment().ele(type, attributes);
  write({ node, path: type });
  return { type, requestId, xml: node.end() } as QbxmlRequest;
}

function iteratorAttributes(
  type: string,
  options: RequestOptions | IteratorOptions | undefined,
  accepted: boolean,
): Record<string, string> {
  const iterator: string | undefined = options?.iterator;
  const iteratorId: string | undefined = options?.iteratorId;
  if (iterator === undefined && iteratorId === undefined) return {};
  if (!accepted) {
    throw new QbxmlFieldError(
      `${type}.iterator`,
      "is not accepted: qbXML 13.0 has no iterator on this request type. Use MaxReturned or filters instead.",
    );
  }
  if (iterator === "Start") {
    if (iteratorId !== undefined) throw new QbxmlFieldError(`${type}.iteratorID`, "must be left out when the iterator starts.");
    return { iterator };
  }
  if (iterator !== "Continue" && iterator !== "Stop") {
    throw new QbxmlFieldError(`${type}.iterator`, 'must be "Start", "Continue" or "Stop"; an iteratorID goes with "Continue" or "Stop".');
  }
  if (iteratorId === undefined || iteratorId.trim() === "") {
    throw new QbxmlFieldError(`${type}.iteratorID`, `is required with iterator="${iterator}"; use the iteratorID QuickBooks returned.`);
  }
  return { iterator, iteratorID: checkText(`${type}.iteratorID`, iteratorId) };
}

function checkBatch(requests: readonly QbxmlRequest[]): void {
  if (requests.length === 0) throw new QbxmlFieldError("QBXMLMsgsRq", "is empty; add at least one request.");
  if (requests.length === 1) return;
  const seen = new Set<string>();
  requests.forEach((request, index) => {
    const path = `QBXMLMsgsRq[${index}].${request.type}.requestID`;
    if (request.requestId === undefined) {
      throw new QbxmlFieldError(path, "is missing; in a batch every request needs a requestID to match its response.");
    }
    if (seen.has(request.requestId)) throw new QbxmlFieldError(path, `"${request.requestId}" is used twice in the batch.`);
    seen.add(request.requestId);
  });
}

function checkRequestId(field: string, requestId: string): string {
  const text = checkText(field, requestId, MAX_LENGTH.requestId);
  if (text.trim() === "") throw new QbxmlFieldError(field, "must not be empty.");
  return text;
}
