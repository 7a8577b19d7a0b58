// A QuickBooks Desktop company and Web Connector in memory, for tests and for `npm run simulate`.
// It parses qbXML requests and builds responses itself, independently of server/qbxml, so that it checks
// the app instead of mirroring it.
export { SimulatedCompany, type CompanyOptions, type RecordView, type CompanyStats, type CompanySnapshot } from "./company";
export type { CompanyInfo } from "./books";
export type { SeedCounts } from "./seed";
export type { Aggregate, Value, ListKind } from "./fields";
export type { RecordKind, DeletedEntry } from "./store";
export { QuickBooksFault, StatusError, PARSE_HRESULT, PARSE_MESSAGE } from "./status";
export {
  SimulatedWebConnector,
  QBWC_VERSION,
  type WebConnectorOptions,
  type SessionLog,
  type SessionOutcome,
  type CallRecord,
  type ExchangeRecord,
  type ResponseStatus,
} from "./web-connector";
export { parseSessionFault, describeFault, FAULT_NAMES, QB_NOT_RUNNING, type SessionFault } from "./faults";
export { WebConnectorError } from "./soap-client";
export { loadCompany, saveCompany } from "./state";
export { formatSessionLog, formatCounts } from "./report";
export { overlapCompany, type OverlapSummary } from "./overlap";
