import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import type { QbxmlRequest, RequestOptions } from "./types";
import { aggregate, writeBool, writeInteger, writeName, writePercent } from "./xml-write";

export type { StandardTermsAddInput };
export { standardTermsAddRq };

// qbXML 13.0 has no StandardTermsModRq: terms can be added and queried, not changed.
interface StandardTermsAddInput {
  readonly name: string;
  readonly isActive?: boolean;
  /** Days until the invoice is due ("Net 30" is 30). */
  readonly stdDueDays?: number;
  readonly stdDiscountDays?: number;
  /** Early-payment discount in percent, e.g. 2 for "2% 10 Net 30". */
  readonly discountPct?: number;
}

function standardTermsAddRq(input: StandardTermsAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("StandardTermsAddRq", options, (rq) => {
    const add = aggregate(rq, "StandardTermsAdd", "StandardTermsAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.termsName);
    writeBool(add, "IsActive", input.isActive);
    writeInteger(add, "StdDueDays", input.stdDueDays, 0);
    writeInteger(add, "StdDiscountDays", input.stdDiscountDays, 0);
    writePercent(add, "DiscountPct", input.discountPct);
  });
}
