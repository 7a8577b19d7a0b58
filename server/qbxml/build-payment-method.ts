import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import type { PaymentMethodType, QbxmlRequest, RequestOptions } from "./types";
import { aggregate, writeBool, writeEnum, writeName } from "./xml-write";

export type { PaymentMethodAddInput };
export { paymentMethodAddRq };

// qbXML 13.0 has no PaymentMethodModRq: a payment method can be added and queried, not changed.
interface PaymentMethodAddInput {
  readonly name: string;
  readonly isActive?: boolean;
  readonly paymentMethodType?: PaymentMethodType;
}

function paymentMethodAddRq(input: PaymentMethodAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("PaymentMethodAddRq", options, (rq) => {
    const add = aggregate(rq, "PaymentMethodAdd", "PaymentMethodAdd");
    writeName(add, "Name", input.name, MAX_LENGTH.paymentMethodName);
    writeBool(add, "IsActive", input.isActive);
    writeEnum(add, "PaymentMethodType", input.paymentMethodType);
  });
}
