import { AppError } from "@/server/errors";

// A DTD is how XML reads server files (external entities) or explodes in memory (nested entities).
// Neither SOAP nor qbXML needs one, so any DOCTYPE or ENTITY declaration is refused before parsing.
const DTD_DECLARATION = /<!\s*(?:DOCTYPE|ENTITY)/i;

export function refuseDoctype(xml: string): void {
  if (DTD_DECLARATION.test(xml)) {
    throw new AppError(
      "BAD_INPUT",
      "Ledgerbridge does not accept XML with a DOCTYPE or ENTITY declaration; the Web Connector never sends one.",
    );
  }
}
