import type { Queryable } from "@/db";
import type { Handshake } from "./handshake";

/**
 * What the Web Connector service needs from the sync engine. The service owns the protocol (tickets, the
 * Host/Company/Preferences handshake, the qbXML 13.0 check, percentages, the run log); the engine only
 * decides what to ask QuickBooks and what the answers mean. Every call may land on another instance or
 * a restarted process, so an engine keeps its state in the database, keyed by `session.id`.
 *
 * Call order within one session:
 *   beginSession → (nextRequest → handleResponse)* → sessionEnded
 * beginSession returning "nothing" ends the session at once (QBWC is told "none"); nothing else is called.
 */
export interface QbwcEngine {
  /** At authenticate: is there anything to exchange with QuickBooks now? */
  beginSession(session: EngineSession): Promise<"work" | "nothing">;

  /**
   * The next complete qbXML request document (with `<?qbxml version="13.0"?>`), or null when the session's
   * work is done. Called once the handshake is recorded, then right after each handled response.
   */
  nextRequest(session: EngineSession): Promise<string | null>;

  /**
   * QuickBooks' answer to the engine's last request. `hresult` is set when the request processor failed
   * instead of answering; the service then ends the session as failed whatever the engine returns.
   * Returns how far the session's work is (0..100, a guide for QBWC's progress bar) or a sentence saying
   * why the session must stop.
   */
  handleResponse(session: EngineSession, response: QbwcResponse): Promise<ResponseOutcome>;

  /** The session is over; `ending` says how. Requests sent but never answered must be re-checked by query. */
  sessionEnded(session: EngineSession, ending: SessionEnding): Promise<void>;
}

export interface EngineSession {
  readonly db: Queryable;
  /** The run-log row of this session (qbwc_sessions.id). */
  readonly id: number;
  readonly now: Date;
  /** What QBWC and QuickBooks said about themselves; null before the first sendRequestXML. */
  readonly quickBooks: QuickBooksConnection | null;
  readonly requestsSent: number;
  readonly responsesReceived: number;
}

export interface QuickBooksConnection {
  readonly companyFile: string | null;
  readonly country: string | null;
  /** The request processor's qbXML level from sendRequestXML (e.g. 13.0). */
  readonly qbxmlVersion: { readonly major: number; readonly minor: number } | null;
  /** HostRet, CompanyRet and PreferencesRet; null until QuickBooks has sent them. */
  readonly handshake: Handshake | null;
}

export interface QbwcResponse {
  readonly xml: string;
  /** "" when QuickBooks answered; a hex HRESULT such as "0x80040400" when its request processor threw. */
  readonly hresult: string;
  readonly message: string;
}

export type ResponseOutcome = { readonly percentDone: number } | { readonly error: string };

export type SessionEnding =
  | { readonly kind: "completed" }
  | { readonly kind: "failed"; readonly error: string; readonly unansweredRequest: boolean }
  | { readonly kind: "abandoned"; readonly reason: "taken_over" | "expired"; readonly unansweredRequest: boolean }
  | { readonly kind: "connection_error"; readonly hresult: string; readonly message: string };
