import { setTimeout as wait } from "node:timers/promises";
import type { SimulatedCompany } from "./company";
import { describeFault, QB_NOT_RUNNING, type SessionFault } from "./faults";
import { callQbwc, WebConnectorError, type QbwcMethod, type SoapAnswer } from "./soap-client";
import { PARSE_HRESULT, PARSE_MESSAGE, QuickBooksFault } from "./status";
import type { RecordKind } from "./store";

export type { WebConnectorOptions, SessionLog, SessionOutcome, CallRecord, ExchangeRecord, ResponseStatus };
export { SimulatedWebConnector, QBWC_VERSION };

/** The Web Connector build the simulator says it is (clientVersion's strVersion). */
const QBWC_VERSION = "2.3.0.215";

/** What QBWC asks QuickBooks before the first sendRequestXML, to pass on as strHCPResponse. */
const HCP_REQUEST =
  '<?xml version="1.0" ?><?qbxml version="13.0"?><QBXML><QBXMLMsgsRq onError="continueOnError">' +
  "<HostQueryRq/><CompanyQueryRq/><PreferencesQueryRq/></QBXMLMsgsRq></QBXML>";

interface WebConnectorOptions {
  /** The .qwc AppURL, e.g. http://localhost:3000/qbwc. */
  readonly url: string;
  /** The .qwc UserName and the password typed into QBWC. */
  readonly username: string;
  readonly password: string;
  /** QuickBooks with its company file open. Its state carries over from one session to the next. */
  readonly company: SimulatedCompany;
  readonly clientVersion?: string;
  readonly faults?: readonly SessionFault[];
  /** How long QBWC waits after "NoOp" before calling sendRequestXML again (about 5 s in QBWC). */
  readonly noOpDelayMs?: number;
  /** NoOps in a row before the simulator gives up on the session. */
  readonly maxNoOps?: number;
  /** A session longer than this is treated as a server that never finishes. */
  readonly maxExchanges?: number;
  /** Per SOAP call. */
  readonly timeoutMs?: number;
  /**
   * Checks each request before QuickBooks sees it, e.g. against the qbXML 13.0 schema. Any error makes the
   * exchange fail as QuickBooks' parser does (HRESULT 0x80040400), with the errors in the log.
   */
  readonly validateRequest?: (xml: string) => Promise<readonly string[]> | readonly string[];
  readonly sleep?: (ms: number) => Promise<void>;
  /** Called as each SOAP call completes, for a live log. */
  readonly onCall?: (call: CallRecord) => void;
}

type SessionOutcome =
  | "completed"
  | "nothing-to-do"
  | "not-valid-user"
  | "busy"
  | "failed"
  | "connection-error"
  | "lost-response"
  | "abandoned"
  | "client-version-refused"
  | "unreachable"
  | "protocol-error";

interface CallRecord {
  readonly method: QbwcMethod;
  /** What was sent, in short. */
  readonly sent: string;
  /** What came back, in short. */
  readonly received: string;
  readonly ms: number;
  /** The time the server says it worked on the call, when it says (a Server-Timing header). */
  readonly serverMs?: number;
}

interface ResponseStatus {
  readonly type: string;
  readonly requestId?: string;
  readonly code: number;
  readonly severity: string;
  readonly message: string;
}

interface ExchangeRecord {
  readonly number: number;
  /** The request types of the message set, e.g. ["CustomerQuery", "CustomerAdd"]. */
  readonly requests: readonly string[];
  readonly statuses: readonly ResponseStatus[];
  /** Set when QuickBooks threw instead of answering. */
  readonly hresult?: string;
  readonly problem?: string;
  /** receiveResponseXML's answer; absent when the response never arrived. */
  readonly percent?: number;
}

interface SessionLog {
  readonly outcome: SessionOutcome;
  readonly url: string;
  readonly faults: readonly string[];
  /** Remarks on the session, e.g. a fault that never had a chance to happen. */
  readonly notes: readonly string[];
  readonly serverVersion?: string;
  readonly clientVersionAnswer?: string;
  readonly authenticate?: readonly string[];
  readonly ticket?: string;
  readonly connectionErrorAnswer?: string;
  readonly calls: readonly CallRecord[];
  readonly exchanges: readonly ExchangeRecord[];
  readonly percents: readonly number[];
  readonly lastError?: string;
  readonly closeMessage?: string;
  /** A protocol problem: no answer, a SOAP fault, an endless session. */
  readonly error?: string;
  readonly requestsByType: Readonly<Record<string, number>>;
  readonly statusCodes: Readonly<Record<string, number>>;
  readonly countsBefore: Readonly<Record<RecordKind, number>>;
  readonly countsAfter: Readonly<Record<RecordKind, number>>;
  readonly durationMs: number;
}

type Draft = { -readonly [K in keyof SessionLog]?: SessionLog[K] } & {
  notes: string[];
  calls: CallRecord[];
  exchanges: ExchangeRecord[];
  percents: number[];
};

/**
 * Plays the QuickBooks Web Connector against a server over HTTP, call for call as QBWC does:
 * serverVersion → clientVersion → authenticate → (sendRequestXML → QuickBooks → receiveResponseXML)* →
 * getLastError when told of a problem → closeConnection; connectionError when QuickBooks cannot be opened.
 */
class SimulatedWebConnector {
  readonly #options: WebConnectorOptions;

  constructor(options: WebConnectorOptions) {
    this.#options = options;
  }

  /** One session, as clicking Update Selected runs it. The company keeps what the session did. */
  async run(): Promise<SessionLog> {
    const { company, faults = [] } = this.#options;
    const started = performance.now();
    const draft: Draft = { notes: [], calls: [], exchanges: [], percents: [] };
    const countsBefore = company.stats().counts;
    const inUse = faults.find((fault) => fault.kind === "in-use");
    if (inUse) company.failNextWrites(inUse.count);
    let outcome: SessionOutcome;
    try {
      outcome = await this.#session(draft);
    } catch (error) {
      if (!(error instanceof WebConnectorError)) throw error;
      outcome = error.kind === "unreachable" ? "unreachable" : "protocol-error";
      draft.error = error.message;
    } finally {
      // QuickBooks' session ends with the Web Connector's, whichever way it ended; so do its iterators.
      company.endSession();
      if (inUse) company.failNextWrites(0);
    }
    if (faults.some((fault) => fault.kind === "lost-response") && outcome !== "lost-response" && draft.exchanges.length > 0) {
      draft.notes.push("The lost-response fault did not happen: the server sent no Add or Mod (or not the exchange named).");
    }
    const { statusCodes, requestsByType } = tally(draft.exchanges);
    return {
      ...draft,
      outcome,
      url: this.#options.url,
      faults: faults.map(describeFault),
      requestsByType,
      statusCodes,
      countsBefore,
      countsAfter: company.stats().counts,
      durationMs: Math.round(performance.now() - started),
    };
  }

  async #session(draft: Draft): Promise<SessionOutcome> {
    const { username, password, faults = [] } = this.#options;
    draft.serverVersion = (await this.#call(draft, "serverVersion", [], () => "")).text;
    const clientAnswer = (await this.#call(draft, "clientVersion", [["strVersion", this.#options.clientVersion ?? QBWC_VERSION]])).text;
    draft.clientVersionAnswer = clientAnswer;
    // "W:" only warns (the user may carry on); "E:" cancels; "O:" names the version the server wants.
    if (clientAnswer.startsWith("E:") || clientAnswer.startsWith("O:")) return "client-version-refused";

    const auth = await this.#call(
      draft,
      "authenticate",
      [
        ["strUserName", username],
        ["strPassword", password],
      ],
      () => `${username} / ********`,
    );
    draft.authenticate = auth.strings;
    const [ticket = "", answer = ""] = auth.strings;
    draft.ticket = ticket;
    const refused: Record<string, SessionOutcome> = { nvu: "not-valid-user", none: "nothing-to-do", busy: "busy" };
    if (refused[answer.toLowerCase()]) {
      await this.#close(draft, ticket);
      return refused[answer.toLowerCase()]!;
    }

    const opening = this.#openFailure(answer, faults);
    if (opening) {
      await this.#connectionError(draft, ticket, opening);
      return "connection-error";
    }
    return this.#exchanges(draft, ticket);
  }

  /** Why QuickBooks cannot be opened for this session, if it cannot. */
  #openFailure(companyPath: string, faults: readonly SessionFault[]): { hresult: string; message: string } | undefined {
    if (faults.some((fault) => fault.kind === "qb-not-running")) return QB_NOT_RUNNING;
    const open = this.#options.company.info.companyFile;
    if (companyPath !== "" && companyPath.toLowerCase() !== open.toLowerCase()) {
      return {
        hresult: "0x8004040A",
        message: `The QuickBooks company data file is currently open in a mode other than the one specified by your application, or a different company file (${open}) is open.`,
      };
    }
    return undefined;
  }

  /** connectionError, again while the server asks to retry (at most twice, as the guide advises), then close. */
  async #connectionError(draft: Draft, ticket: string, failure: { hresult: string; message: string }): Promise<void> {
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await this.#call(draft, "connectionError", [
        ["ticket", ticket],
        ["hresult", failure.hresult],
        ["message", failure.message],
      ]);
      draft.connectionErrorAnswer = answer.text;
      if (answer.text.toLowerCase() === "done") break;
    }
    await this.#close(draft, ticket);
  }

  async #exchanges(draft: Draft, ticket: string): Promise<SessionOutcome> {
    const { company, faults = [], maxExchanges = 10_000, maxNoOps = 10 } = this.#options;
    const version = processorVersion(company);
    let noOps = 0;
    for (let number = 1; number <= maxExchanges;) {
      const first = number === 1;
      const request = (
        await this.#call(
          draft,
          "sendRequestXML",
          [
            ["ticket", ticket],
            ["strHCPResponse", first ? company.handle(HCP_REQUEST) : ""],
            ["strCompanyFileName", company.info.companyFile],
            ["qbXMLCountry", company.info.country],
            ["qbXMLMajorVers", version.major],
            ["qbXMLMinorVers", version.minor],
          ],
          () => `${first ? "strHCPResponse (host, company, preferences)" : 'strHCPResponse ""'}, qbXML ${version.major}.${version.minor}`,
          (answer) =>
            answer.text
              ? `${requestTypes(answer.text)
                  .map((type) => `${type}Rq`)
                  .join(", ")} (${size(answer.text)})`
              : '""',
        )
      ).text;

      if (request === "") {
        const lastError = await this.#lastError(draft, ticket);
        if (lastError === "NoOp" && ++noOps <= maxNoOps) {
          await this.#sleep(this.#options.noOpDelayMs ?? 5000);
          continue;
        }
        if (lastError === "NoOp") draft.error = `The server answered NoOp ${maxNoOps} times in a row; the simulator stopped waiting.`;
        await this.#close(draft, ticket);
        return lastError === "NoOp" ? "protocol-error" : "failed";
      }
      noOps = 0;

      const exchange = await this.#quickBooks(request, number, faults);
      const { response: _response, message: _message, ...record } = exchange;
      const lost = faults.find((fault) => fault.kind === "lost-response");
      if (lost && (lost.exchange ? lost.exchange === number : isWrite(exchange.requests))) {
        draft.exchanges.push({ ...record, problem: "QuickBooks applied the request; the response never reached the server." });
        return "lost-response";
      }

      const percent = Number(
        (
          await this.#call(
            draft,
            "receiveResponseXML",
            [
              ["ticket", ticket],
              ["response", exchange.response],
              ["hresult", exchange.hresult ?? ""],
              ["message", exchange.message ?? ""],
            ],
            () =>
              exchange.hresult
                ? `hresult ${exchange.hresult}: ${exchange.message}`
                : `${statusSummary(exchange.statuses)} (${size(exchange.response)})`,
            (answer) => `${answer.text}%`,
          )
        ).text,
      );
      draft.exchanges.push({ ...record, percent });
      draft.percents.push(percent);

      if (percent < 0 || !Number.isFinite(percent)) {
        await this.#lastError(draft, ticket);
        await this.#close(draft, ticket);
        return "failed";
      }
      if (percent >= 100) {
        await this.#close(draft, ticket);
        return "completed";
      }
      const abandon = faults.find((fault) => fault.kind === "abandon");
      if (abandon && number >= abandon.after) return "abandoned";
      number++;
    }
    draft.error = `The server was still sending requests after ${maxExchanges} exchanges; the simulator stopped the session.`;
    await this.#close(draft, ticket);
    return "protocol-error";
  }

  /** Hands one request to QuickBooks, with the faults that happen on the Windows side. */
  async #quickBooks(
    request: string,
    number: number,
    faults: readonly SessionFault[],
  ): Promise<ExchangeRecord & { response: string; message?: string }> {
    const requests = requestTypes(request);
    const slow = faults.find((fault) => fault.kind === "slow");
    if (slow) await this.#sleep(slow.ms);
    const parseError = faults.find((fault) => fault.kind === "parse-error");
    if (parseError && (parseError.exchange ?? 1) === number) {
      return { number, requests, statuses: [], response: "", hresult: PARSE_HRESULT, message: PARSE_MESSAGE, problem: "parse-error fault" };
    }
    const schemaErrors = (await this.#options.validateRequest?.(request)) ?? [];
    if (schemaErrors.length > 0) {
      return {
        number,
        requests,
        statuses: [],
        response: "",
        hresult: PARSE_HRESULT,
        message: PARSE_MESSAGE,
        problem: schemaErrors.join("\n"),
      };
    }
    try {
      const response = this.#options.company.handle(request);
      return { number, requests, statuses: responseStatuses(response), response };
    } catch (error) {
      if (!(error instanceof QuickBooksFault)) throw error;
      return {
        number,
        requests,
        statuses: [],
        response: "",
        hresult: error.hresult,
        message: error.quickBooksMessage,
        problem: error.detail,
      };
    }
  }

  async #lastError(draft: Draft, ticket: string): Promise<string> {
    const text = (await this.#call(draft, "getLastError", [["ticket", ticket]])).text;
    draft.lastError = text;
    return text;
  }

  async #close(draft: Draft, ticket: string): Promise<void> {
    draft.closeMessage = (await this.#call(draft, "closeConnection", [["ticket", ticket]])).text;
  }

  async #call(
    draft: Draft,
    method: QbwcMethod,
    params: readonly (readonly [string, string | number])[],
    describeSent: () => string = () => params.map(([name, value]) => `${name}=${short(String(value))}`).join(", "),
    describeReceived: (answer: SoapAnswer) => string = (answer) =>
      answer.strings.length
        ? `[${answer.strings.map((value) => JSON.stringify(short(value))).join(", ")}]`
        : JSON.stringify(short(answer.text)),
  ): Promise<SoapAnswer> {
    const started = performance.now();
    const answer = await callQbwc(this.#options.url, method, params, this.#options.timeoutMs ?? 120_000);
    const call = {
      method,
      sent: describeSent(),
      received: describeReceived(answer),
      ms: Math.round((performance.now() - started) * 100) / 100,
      serverMs: answer.serverMs,
    };
    draft.calls.push(call);
    this.#options.onCall?.(call);
    return answer;
  }

  #sleep(ms: number): Promise<void> {
    return this.#options.sleep ? this.#options.sleep(ms) : wait(ms).then(() => undefined);
  }
}

/** What QBWC passes as qbXMLMajorVers/MinorVers: 13.0, or less when this QuickBooks is older. */
function processorVersion(company: SimulatedCompany): { major: number; minor: number } {
  const newest = company.info.qbxmlVersion;
  return newest.major < 13 ? newest : { major: 13, minor: 0 };
}

/** The request types of a message set, read from its *Rq element names. */
function requestTypes(request: string): string[] {
  return [...request.matchAll(/<([A-Za-z]+)Rq[\s/>]/g)].map((match) => match[1]!).filter((type) => type !== "QBXMLMsgs");
}

function isWrite(types: readonly string[]): boolean {
  return types.some((type) => type.endsWith("Add") || type.endsWith("Mod"));
}

/** The status of every *Rs; the simulator wrote the attributes itself, so a pattern reads them safely. */
function responseStatuses(response: string): ResponseStatus[] {
  return [...response.matchAll(/<([A-Za-z]+)Rs ([^>]*?)\/?>/g)].map((match) => {
    const attributes = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((pair) => [pair[1]!, unescape(pair[2]!)]));
    return {
      type: match[1]!,
      requestId: attributes.requestID,
      code: Number(attributes.statusCode),
      severity: attributes.statusSeverity ?? "",
      message: attributes.statusMessage ?? "",
    };
  });
}

function unescape(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
}

function tally(exchanges: readonly ExchangeRecord[]) {
  const requestsByType: Record<string, number> = {};
  const statusCodes: Record<string, number> = {};
  for (const exchange of exchanges) {
    for (const type of exchange.requests) requestsByType[type] = (requestsByType[type] ?? 0) + 1;
    for (const status of exchange.statuses) statusCodes[status.code] = (statusCodes[status.code] ?? 0) + 1;
  }
  return { requestsByType, statusCodes };
}

function statusSummary(statuses: readonly ResponseStatus[]): string {
  if (statuses.length === 0) return "no responses";
  const counts = new Map<string, number>();
  for (const status of statuses) {
    const key = `${status.type} ${status.code}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, count]) => (count > 1 ? `${key} ×${count}` : key)).join(", ");
}

function size(text: string): string {
  const bytes = Buffer.byteLength(text);
  return bytes >= 1024 ? `${(bytes / 1024).toFixed(1)} KB` : `${bytes} B`;
}

function short(text: string): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > 120 ? `${flat.slice(0, 117)}...` : flat;
}
