import { createRequest } from "./build-document";
import { QbxmlFieldError } from "./errors";
import { MAX_LENGTH } from "./limits";
import type { Cents, QbDate, QbxmlRequest, RefInput, RequestOptions } from "./types";
import {
  aggregate,
  writeAmount,
  writeBool,
  writeDate,
  writeEach,
  writeGuid,
  writeId,
  writeModCore,
  writeRef,
  writeText,
  type Scope,
} from "./xml-write";

export type { AppliedToTxnInput, ReceivePaymentFields, ReceivePaymentAddInput, ReceivePaymentModInput };
export { receivePaymentAddRq, receivePaymentModRq };

interface AppliedToTxnInput {
  /** The invoice (or other receivable) the money goes to. */
  readonly txnId: string;
  readonly paymentAmount?: Cents;
  readonly discountAmount?: Cents;
  readonly discountAccount?: RefInput;
}

interface ReceivePaymentFields {
  readonly arAccount?: RefInput;
  readonly txnDate?: QbDate;
  readonly refNumber?: string;
  readonly totalAmount?: Cents;
  readonly paymentMethod?: RefInput;
  readonly memo?: string;
  readonly depositToAccount?: RefInput;
}

/** The schema requires either IsAutoApply or at least one AppliedToTxnAdd. */
type ReceivePaymentAddInput = ReceivePaymentFields & {
  readonly customer: RefInput;
  readonly externalGuid?: string;
} & (
    | { readonly appliedTo: readonly AppliedToTxnInput[]; readonly isAutoApply?: undefined }
    | { readonly isAutoApply: boolean; readonly appliedTo?: undefined }
  );

interface ReceivePaymentModInput extends ReceivePaymentFields {
  readonly txnId: string;
  readonly editSequence: string;
  readonly customer?: RefInput;
  readonly appliedTo?: readonly AppliedToTxnInput[];
}

function receivePaymentAddRq(input: ReceivePaymentAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ReceivePaymentAddRq", options, (rq) => {
    const add = aggregate(rq, "ReceivePaymentAdd", "ReceivePaymentAdd");
    writeRef(add, "CustomerRef", input.customer, MAX_LENGTH.customerRefFullName);
    writePaymentFields(add, input);
    writeGuid(add, "ExternalGUID", input.externalGuid);
    if (input.appliedTo === undefined) {
      writeBool(add, "IsAutoApply", input.isAutoApply);
    } else if (input.appliedTo.length === 0) {
      throw new QbxmlFieldError(
        `${add.path}.AppliedToTxnAdd`,
        "is an empty list; apply the payment to at least one transaction or set isAutoApply.",
      );
    } else {
      writeEach(add, "AppliedToTxnAdd", input.appliedTo, writeAppliedToTxn);
    }
  });
}

function receivePaymentModRq(input: ReceivePaymentModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("ReceivePaymentModRq", options, (rq) => {
    const mod = aggregate(rq, "ReceivePaymentMod", "ReceivePaymentMod");
    writeModCore(mod, "TxnID", input.txnId, input.editSequence);
    writeRef(mod, "CustomerRef", input.customer, MAX_LENGTH.customerRefFullName);
    writePaymentFields(mod, input);
    writeEach(mod, "AppliedToTxnMod", input.appliedTo, writeAppliedToTxn);
  });
}

/** ReceivePaymentAdd/Mod after CustomerRef, in schema order. */
function writePaymentFields(scope: Scope, input: ReceivePaymentFields): void {
  writeRef(scope, "ARAccountRef", input.arAccount, MAX_LENGTH.listRefFullName);
  writeDate(scope, "TxnDate", input.txnDate);
  writeText(scope, "RefNumber", input.refNumber, MAX_LENGTH.paymentRefNumber);
  writeAmount(scope, "TotalAmount", input.totalAmount);
  writeRef(scope, "PaymentMethodRef", input.paymentMethod, MAX_LENGTH.simpleListRefFullName);
  writeText(scope, "Memo", input.memo, MAX_LENGTH.memo);
  writeRef(scope, "DepositToAccountRef", input.depositToAccount, MAX_LENGTH.listRefFullName);
}

function writeAppliedToTxn(scope: Scope, input: AppliedToTxnInput): void {
  writeId(scope, "TxnID", input.txnId);
  writeAmount(scope, "PaymentAmount", input.paymentAmount);
  writeAmount(scope, "DiscountAmount", input.discountAmount);
  writeRef(scope, "DiscountAccountRef", input.discountAccount, MAX_LENGTH.listRefFullName);
}
