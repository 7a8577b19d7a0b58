/** What to do about the HRESULTs QuickBooks reports most (qbwc.md, "HRESULTs"), keyed in lower case. */
const HINTS: Record<string, string> = {
  "0x80040400": "QuickBooks could not read the request; this is a Ledgerbridge problem, so tell your administrator.",
  "0x80040401": "Make sure QuickBooks is running with the company file open, then run the Web Connector again.",
  "0x80040408": "Start QuickBooks on this computer and open the company file, then run the Web Connector again.",
  "0x8004040a": "A different company file is open in QuickBooks. Open the file Ledgerbridge was set up with.",
  "0x80040410": "The company file is open in a different mode (single-user or multi-user). Reopen it and run again.",
  "0x80040414": "A window or dialog is open in QuickBooks. Close it, then run the Web Connector again.",
  "0x80040418":
    "Ledgerbridge has never been allowed into this company file. Open it in QuickBooks as the Admin user and allow access when asked.",
  "0x8004041a":
    "Ledgerbridge is not allowed into this company file. In QuickBooks, allow it under Edit → Preferences → Integrated Applications.",
  "0x8004041d":
    "Ledgerbridge may not log in to this file on its own. In QuickBooks' Integrated Applications preferences, allow it to log in automatically.",
  "0x80040420": "A QuickBooks user denied Ledgerbridge access. Allow it in QuickBooks, then run again.",
  "0x80040422": "Another application is using the company file. Close it, then run the Web Connector again.",
};

const DEFAULT_HINT = "Make sure QuickBooks is running with the company file open, then run the Web Connector again.";

/** connectionError: QBWC could not open QuickBooks or the company file. */
export function connectionFailedMessage(failure: { hresult: string; message: string }): string {
  return `The Web Connector could not open QuickBooks (${describe(failure)}). ${hintFor(failure.hresult)}`;
}

/** receiveResponseXML with an hresult: QuickBooks' request processor failed instead of answering. */
export function requestFailedMessage(failure: { hresult: string; message: string }): string {
  return `QuickBooks could not process Ledgerbridge's request (${describe(failure)}). ${hintFor(failure.hresult)}`;
}

function describe({ hresult, message }: { hresult: string; message: string }): string {
  const code = hresult || "no error code";
  return message ? `${code}: ${message.replace(/\s+/g, " ").slice(0, 300)}` : code;
}

/** The hint for an HRESULT the Web Connector reported; it chooses the text, so only the table's own keys count. */
function hintFor(hresult: string): string {
  const key = hresult.toLowerCase();
  return Object.hasOwn(HINTS, key) ? HINTS[key]! : DEFAULT_HINT;
}
