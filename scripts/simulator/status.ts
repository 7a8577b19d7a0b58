export type { Severity, Status };
export { QuickBooksFault, StatusError, PARSE_HRESULT, PARSE_MESSAGE, UNSUPPORTED_VERSION_HRESULT, OK, parseFault, statusMessages };

type Severity = "Info" | "Warn" | "Error";

interface Status {
  readonly code: number;
  readonly severity: Severity;
  readonly message: string;
}

/** 0-499 Info, 500-999 Warn, 1000 and up Error (reference README, "Status codes you will see"). */
function severityOf(code: number): Severity {
  if (code >= 1000) return "Error";
  return code >= 500 ? "Warn" : "Info";
}

const OK: Status = { code: 0, severity: "Info", message: "Status OK" };

/** One request failed with a QuickBooks status; the other requests of the message set go on. */
class StatusError extends Error {
  readonly code: number;

  constructor(code: number, message: string) {
    super(message);
    this.name = "StatusError";
    this.code = code;
  }

  get status(): Status {
    return { code: this.code, severity: severityOf(this.code), message: this.message };
  }
}

const PARSE_HRESULT = "0x80040400";
const PARSE_MESSAGE = "QuickBooks found an error when parsing the provided XML text stream.";
const UNSUPPORTED_VERSION_HRESULT = "0x80042500";

/**
 * The request processor threw instead of answering: QuickBooks parses the whole message set before it runs
 * any request, so nothing was applied. QBWC passes `hresult` and `message` to receiveResponseXML.
 */
class QuickBooksFault extends Error {
  readonly hresult: string;
  /** What QuickBooks says, and QBWC passes on as receiveResponseXML's `message`. */
  readonly quickBooksMessage: string;
  /** What was wrong, for the simulator's log and the error's own message; QuickBooks does not say. */
  readonly detail: string;

  constructor(hresult: string, quickBooksMessage: string, detail: string) {
    super(`${quickBooksMessage} ${detail}`);
    this.name = "QuickBooksFault";
    this.hresult = hresult;
    this.quickBooksMessage = quickBooksMessage;
    this.detail = detail;
  }
}

function parseFault(detail: string): QuickBooksFault {
  return new QuickBooksFault(PARSE_HRESULT, PARSE_MESSAGE, detail);
}

const q = (value: string) => `"${value}"`;

/** Messages worded like QuickBooks' (qbxml/examples/response-*.xml and Intuit's status code table). */
const statusMessages = {
  noMatch: () => "A query request did not find a matching object in QuickBooks",
  partlyFound: (missing: string) =>
    `The query request has not been fully completed. There was a required element (${q(missing)}) that could not be found in QuickBooks.`,
  stringTooLong: (value: string, field: string) => `The string ${q(value)} in the field ${q(field)} is too long.`,
  nameInUse: (name: string) => `The name ${q(name)} of the list element is already in use.`,
  notFound: (id: string) => `Object ${q(id)} specified in the request cannot be found.`,
  invalidReference: (list: string, value: string, where: string) =>
    `There is an invalid reference to QuickBooks ${list} ${q(value)} in the ${where}. QuickBooks error message: Invalid argument. The specified record does not exist in the list.`,
  inUse: (list: string, name: string) =>
    `There was an error when saving a ${list} list, element ${q(name)}. QuickBooks error message: This list has been modified by another user.`,
  txnInUse: (type: string, id: string) =>
    `There was an error when saving a ${type} transaction ${q(id)}. QuickBooks error message: This record is being used by another user.`,
  staleEditSequence: (editSequence: string) => `The provided edit sequence ${q(editSequence)} is out-of-date.`,
  badIterator: (id: string) => `The iteratorID ${q(id)} is not valid.`,
  notModeled: (what: string) =>
    `This feature is not enabled or not available in this version of QuickBooks. (The QuickBooks simulator does not model ${what}.)`,
};
