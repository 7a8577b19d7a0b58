import type { RecordKind } from "./store";
import type { ExchangeRecord, SessionLog, SessionOutcome } from "./web-connector";

export { formatSessionLog, formatCounts };

const OUTCOME_TEXT: Record<SessionOutcome, string> = {
  completed: "completed (receiveResponseXML reached 100%)",
  "nothing-to-do": 'nothing to do (authenticate answered "none")',
  "not-valid-user": 'refused (authenticate answered "nvu")',
  busy: 'busy (authenticate answered "busy"; another session is running)',
  failed: "failed (the server reported an error; see getLastError)",
  "connection-error": "QuickBooks could not be opened (connectionError)",
  "lost-response": "stopped: QuickBooks applied a request but its response never reached the server",
  abandoned: "abandoned without closeConnection",
  "client-version-refused": "refused by clientVersion",
  unreachable: "the server could not be reached",
  "protocol-error": "stopped on a protocol error",
};

/** A readable account of one session: each call and its result, then the totals. */
function formatSessionLog(log: SessionLog, title: string): string {
  const lines = [`${title} → ${log.url}`];
  for (const fault of log.faults) lines.push(`  fault: ${fault}`);
  const width = Math.max(0, ...log.calls.map((call) => call.method.length));
  // Each receiveResponseXML answers one exchange; the problems of that exchange follow it.
  const exchanges = [...log.exchanges];
  for (const call of log.calls) {
    lines.push(`  ${call.method.padEnd(width)}  ${call.sent ? `${call.sent} ` : ""}→ ${call.received}  (${call.ms} ms)`);
    if (call.method === "receiveResponseXML") lines.push(...exchangeProblems(exchanges.shift()));
  }
  for (const exchange of exchanges) lines.push(...exchangeProblems(exchange));
  lines.push(`  Outcome: ${OUTCOME_TEXT[log.outcome]} in ${(log.durationMs / 1000).toFixed(1)} s, ${log.exchanges.length} exchange(s)`);
  if (log.percents.length) lines.push(`  Progress: ${progress(log.percents)}`);
  if (log.error) lines.push(`  Problem: ${log.error}`);
  for (const note of log.notes) lines.push(`  Note: ${note}`);
  if (log.lastError) lines.push(`  getLastError: ${log.lastError}`);
  if (log.connectionErrorAnswer !== undefined) lines.push(`  connectionError answered: ${JSON.stringify(log.connectionErrorAnswer)}`);
  const requests = Object.entries(log.requestsByType);
  if (requests.length) lines.push(`  Requests: ${requests.map(([type, count]) => `${type} ×${count}`).join(", ")}`);
  const codes = Object.entries(log.statusCodes);
  if (codes.length) lines.push(`  Status codes: ${codes.map(([code, count]) => `${code} ×${count}`).join(", ")}`);
  lines.push(`  QuickBooks now: ${formatCounts(log.countsAfter, log.countsBefore)}`);
  return lines.join("\n");
}

/** "14% → 28% → … → 100%", shortened in the middle for a long session. */
function progress(percents: readonly number[]): string {
  const shown = percents.map((percent) => `${percent}%`);
  if (shown.length <= 12) return shown.join(" → ");
  return [...shown.slice(0, 5), `… ${shown.length - 10} more …`, ...shown.slice(-5)].join(" → ");
}

function exchangeProblems(exchange: ExchangeRecord | undefined): string[] {
  if (!exchange) return [];
  const lines = exchange.statuses
    .filter((status) => status.code !== 0)
    .map(
      (status) =>
        `      ${status.type}${status.requestId ? ` [${status.requestId}]` : ""}: ${status.code} ${status.severity}, ${status.message}`,
    );
  if (exchange.hresult) lines.push(`      QuickBooks threw ${exchange.hresult}${exchange.problem ? `: ${exchange.problem}` : ""}`);
  else if (exchange.problem) lines.push(`      ${exchange.problem}`);
  return lines;
}

const SHOWN: readonly [RecordKind, string][] = [
  ["Customer", "customers"],
  ["Vendor", "vendors"],
  ["ItemService", "service items"],
  ["ItemNonInventory", "non-inventory items"],
  ["Invoice", "invoices"],
  ["ReceivePayment", "payments"],
  ["PurchaseOrder", "purchase orders"],
  ["PaymentMethod", "payment methods"],
  ["StandardTerms", "terms"],
];

/** "1,204 customers (+2), 15 vendors, …", with the change since `before` when given. */
function formatCounts(counts: Readonly<Record<RecordKind, number>>, before?: Readonly<Record<RecordKind, number>>): string {
  return SHOWN.map(([kind, noun]) => {
    const change = before ? counts[kind] - before[kind] : 0;
    return `${counts[kind].toLocaleString("en-US")} ${noun}${change ? ` (${change > 0 ? "+" : ""}${change})` : ""}`;
  }).join(", ");
}
