import { parseFault, QuickBooksFault, UNSUPPORTED_VERSION_HRESULT } from "./status";
import { parseXml, type XmlNode } from "./xml";

export type { MessageSet, IncomingRequest, OnError };
export { readMessageSet };

type OnError = "stopOnError" | "continueOnError" | "rollbackOnError";

interface IncomingRequest {
  /** The element name, e.g. "CustomerAddRq". */
  readonly element: string;
  /** The request type the response is named after, e.g. "CustomerAdd". */
  readonly type: string;
  readonly requestId: string | undefined;
  readonly iterator: "Start" | "Continue" | "Stop" | undefined;
  readonly iteratorId: string | undefined;
  readonly node: XmlNode;
}

interface MessageSet {
  readonly onError: OnError;
  /** responseData="includeNone" asks for statuses only, without the *Ret elements. */
  readonly includeNone: boolean;
  readonly requests: readonly IncomingRequest[];
}

const QBXML_VERSION_PATTERN = /<\?qbxml\s+version\s*=\s*["'](\d+)\.(\d+)["']\s*\?>/;
const ON_ERROR = new Set<string>(["stopOnError", "continueOnError", "rollbackOnError"]);
const REQUEST_ATTRIBUTES = new Set(["requestID", "iterator", "iteratorID", "metaData"]);

/**
 * The envelope of a qbXML request document: the version line, <QBXML><QBXMLMsgsRq onError=…> and one
 * entry per *Rq. Anything QuickBooks' parser would refuse is a QuickBooksFault (nothing is applied).
 */
function readMessageSet(xml: string, newest: { major: number; minor: number }): MessageSet {
  const version = QBXML_VERSION_PATTERN.exec(xml);
  if (!version) throw parseFault('The request has no <?qbxml version="13.0"?> line, so QuickBooks cannot tell which qbXML it is.');
  const [major, minor] = [Number(version[1]), Number(version[2])];
  if (major > newest.major || (major === newest.major && minor > newest.minor)) {
    throw new QuickBooksFault(
      UNSUPPORTED_VERSION_HRESULT,
      "The version of QBXML that was requested is not supported or is unknown.",
      `The request is qbXML ${major}.${minor}; this QuickBooks speaks up to ${newest.major}.${newest.minor}.`,
    );
  }
  const root = parseXml(xml);
  if (!root) throw parseFault("The request is not well-formed XML.");
  if (root.name !== "QBXML") throw parseFault(`The document element is <${root.name}>, not <QBXML>.`);
  const messages = root.children.filter((child) => child.name === "QBXMLMsgsRq");
  const others = root.children.filter((child) => child.name !== "QBXMLMsgsRq");
  if (messages.length !== 1 || others.length > 0) {
    throw parseFault("<QBXML> must hold exactly one <QBXMLMsgsRq> (sign-on and subscription messages are not modelled).");
  }
  const set = messages[0]!;
  const onError = set.attributes.onError;
  if (onError === undefined || !ON_ERROR.has(onError)) {
    throw parseFault('<QBXMLMsgsRq> needs onError="stopOnError" or "continueOnError" (or "rollbackOnError").');
  }
  return {
    onError: onError as OnError,
    includeNone: set.attributes.responseData === "includeNone",
    requests: set.children.map(readRequest),
  };
}

function readRequest(node: XmlNode): IncomingRequest {
  if (!node.name.endsWith("Rq")) throw parseFault(`<${node.name}> is not a request; QBXMLMsgsRq holds *Rq elements only.`);
  for (const attribute of Object.keys(node.attributes)) {
    if (!REQUEST_ATTRIBUTES.has(attribute)) throw parseFault(`<${node.name}> has an attribute ${attribute} the schema does not define.`);
  }
  const iterator = node.attributes.iterator;
  if (iterator !== undefined && iterator !== "Start" && iterator !== "Continue" && iterator !== "Stop") {
    throw parseFault(`<${node.name}> has iterator="${iterator}"; it must be Start, Continue or Stop.`);
  }
  return {
    element: node.name,
    type: node.name.slice(0, -"Rq".length),
    requestId: node.attributes.requestID,
    iterator,
    iteratorId: node.attributes.iteratorID,
    node,
  };
}
