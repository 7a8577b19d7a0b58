export type { SessionFault };
export { parseSessionFault, describeFault, FAULT_NAMES, QB_NOT_RUNNING };

/**
 * What can go wrong on the Windows side, on demand:
 * - lost-response: QuickBooks applies a request, then QBWC (or the PC) dies before receiveResponseXML; the
 *   session stops there. `exchange` picks the exchange (1-based); by default the first one that adds or
 *   modifies something, else the first.
 * - abandon: QBWC stops after `after` exchanges without closeConnection (the user closed it, the PC slept).
 * - qb-not-running: QuickBooks cannot be started; QBWC calls connectionError after authenticate.
 * - slow: QuickBooks takes `ms` for each request.
 * - parse-error: QuickBooks' parser rejects the request of an exchange (HRESULT 0x80040400); nothing is applied.
 * - in-use: the next `count` Adds or Mods fail with 3180, as when another user holds the record.
 */
type SessionFault =
  | { readonly kind: "lost-response"; readonly exchange?: number }
  | { readonly kind: "abandon"; readonly after: number }
  | { readonly kind: "qb-not-running" }
  | { readonly kind: "slow"; readonly ms: number }
  | { readonly kind: "parse-error"; readonly exchange?: number }
  | { readonly kind: "in-use"; readonly count: number };

const FAULT_NAMES = ["lost-response", "abandon", "qb-not-running", "slow", "parse-error", "in-use"] as const;

const QB_NOT_RUNNING = { hresult: "0x80040408", message: "Could not start QuickBooks." } as const;

/** "lost-response", "lost-response:3", "abandon:2", "slow:250", "parse-error:1", "in-use:2". */
function parseSessionFault(text: string): SessionFault {
  const [name, argument] = text.split(":", 2);
  const number = argument === undefined ? undefined : Number(argument);
  if (argument !== undefined && (!Number.isInteger(number) || number! < 0)) {
    throw new Error(`The fault "${text}" needs a whole number after the colon.`);
  }
  switch (name) {
    case "lost-response":
      return { kind: "lost-response", exchange: number };
    case "abandon":
      return { kind: "abandon", after: number ?? 1 };
    case "qb-not-running":
      return { kind: "qb-not-running" };
    case "slow":
      return { kind: "slow", ms: number ?? 2000 };
    case "parse-error":
      return { kind: "parse-error", exchange: number };
    case "in-use":
      return { kind: "in-use", count: number ?? 1 };
    default:
      throw new Error(`Unknown fault "${text}". Use one of: ${FAULT_NAMES.join(", ")} (some take ":N").`);
  }
}

function describeFault(fault: SessionFault): string {
  switch (fault.kind) {
    case "lost-response":
      return `lost response (${fault.exchange ? `exchange ${fault.exchange}` : "first Add/Mod"}): QuickBooks applies it, receiveResponseXML never comes`;
    case "abandon":
      return `abandon after ${fault.after} exchange(s), without closeConnection`;
    case "qb-not-running":
      return `QuickBooks is not running (connectionError ${QB_NOT_RUNNING.hresult})`;
    case "slow":
      return `slow QuickBooks (${fault.ms} ms per request)`;
    case "parse-error":
      return `QuickBooks cannot parse the request of exchange ${fault.exchange ?? 1} (HRESULT 0x80040400)`;
    case "in-use":
      return `the next ${fault.count} Add/Mod request(s) fail with 3180 (record in use)`;
  }
}
