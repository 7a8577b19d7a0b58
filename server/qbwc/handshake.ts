import {
  buildQbxml,
  companyQueryRq,
  hostQueryRq,
  parseQbxmlResponse,
  preferencesQueryRq,
  QbxmlParseError,
  recordsOfKind,
  type CompanyRecord,
  type HostRecord,
  type PreferencesRecord,
  type QbxmlResponse,
} from "@/server/qbxml";
import { AppError } from "@/server/errors";
import { refuseDoctype } from "./xml-guard";

/** What QuickBooks says about itself in HostQueryRs, CompanyQueryRs and PreferencesQueryRs. */
export interface Handshake {
  host: HostRecord | null;
  company: CompanyRecord | null;
  preferences: PreferencesRecord | null;
  /** Status messages of the three queries that did not succeed, e.g. "CompanyQuery: 3250 ...". */
  problems: string[];
}

/** Ledgerbridge speaks qbXML 13.0 (QuickBooks 2014) and nothing older. */
export const REQUIRED_QBXML = { major: 13, minor: 0 } as const;

/** HostQuery + CompanyQuery (with our OwnerID, to see our FileID stamp) + PreferencesQuery in one message. */
export function handshakeRequest(ownerId: string): string {
  return buildQbxml([
    hostQueryRq({}, { requestId: "handshake-host" }),
    companyQueryRq({ ownerIds: [ownerId] }, { requestId: "handshake-company" }),
    preferencesQueryRq({}, { requestId: "handshake-preferences" }),
  ]);
}

/** Reads strHCPResponse, or QuickBooks' answer to handshakeRequest; an AppError says why it cannot be read. */
export function readHandshake(xml: string): Handshake {
  refuseDoctype(xml);
  let responses: QbxmlResponse[];
  try {
    responses = parseQbxmlResponse(xml);
  } catch (error) {
    if (error instanceof QbxmlParseError) throw new AppError("BAD_INPUT", error.message);
    throw error;
  }
  const problems: string[] = [];
  const answer = (type: string) => {
    const response = responses.find((candidate) => candidate.type === type);
    if (response?.statusSeverity === "Error") problems.push(`${type}: ${response.statusCode} ${response.statusMessage}`.trim());
    return response;
  };
  const first = <T>(records: T[] | undefined): T | null => records?.[0] ?? null;
  const host = answer("HostQuery");
  const company = answer("CompanyQuery");
  const preferences = answer("PreferencesQuery");
  return {
    host: first(host && recordsOfKind(host, "Host")),
    company: first(company && recordsOfKind(company, "Company")),
    preferences: first(preferences && recordsOfKind(preferences, "Preferences")),
    problems,
  };
}

/** Why this QuickBooks cannot be used, as a sentence for getLastError, or null when it can. */
export function unsupportedQuickBooks(
  handshake: Handshake | null,
  processorVersion: { major: number; minor: number } | null,
): string | null {
  const update = "Update QuickBooks Desktop to 2014 or later, then run the Web Connector again.";
  if (processorVersion && processorVersion.major < REQUIRED_QBXML.major) {
    return `QuickBooks offers qbXML ${processorVersion.major}.${processorVersion.minor}, but Ledgerbridge needs qbXML 13.0. ${update}`;
  }
  if (!handshake) return null;
  const host = handshake.host;
  if (!host) {
    const why = handshake.problems.length ? ` (${handshake.problems.join("; ")})` : "";
    return `QuickBooks did not describe itself${why}, so Ledgerbridge cannot check that it supports qbXML 13.0. Run the Web Connector again; if this repeats, restart QuickBooks.`;
  }
  const supports13 = host.supportedQbxmlVersions.some((version) => Number(version) === REQUIRED_QBXML.major);
  if (supports13) return null;
  const product = host.productName ?? "This QuickBooks";
  const newest = host.supportedQbxmlVersions.at(-1);
  return `${product} supports qbXML ${newest ? `up to ${newest}` : "no known version"}, but Ledgerbridge needs qbXML 13.0. ${update}`;
}
