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
  writeId,
  writeModCore,
  writeRef,
  writeText,
  type Scope,
} from "./xml-write";

export type { BillAppliedInput, BillPaymentCheckAddInput, BillPaymentCheckModInput };
export { billPaymentCheckAddRq, billPaymentCheckModRq };

/** A bill the check pays, and how much of it. */
interface BillAppliedInput {
  readonly txnId: string;
  readonly paymentAmount: Cents;
}

interface BillPaymentCheckAddInput {
  readonly payee: RefInput;
  readonly apAccount?: RefInput;
  readonly txnDate?: QbDate;
  readonly bankAccount: RefInput;
  /** The check number; without one the check is marked to be printed (the schema wants one or the other). */
  readonly refNumber?: string;
  readonly memo?: string;
  readonly appliedTo: readonly BillAppliedInput[];
}

interface BillPaymentCheckModInput {
  readonly txnId: string;
  readonly editSequence: string;
  readonly txnDate?: QbDate;
  readonly bankAccount?: RefInput;
  readonly amount?: Cents;
  readonly refNumber?: string;
  readonly memo?: string;
  readonly appliedTo?: readonly BillAppliedInput[];
}

function billPaymentCheckAddRq(input: BillPaymentCheckAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("BillPaymentCheckAddRq", options, (rq) => {
    const add = aggregate(rq, "BillPaymentCheckAdd", "BillPaymentCheckAdd");
    writeRef(add, "PayeeEntityRef", input.payee, MAX_LENGTH.customerRefFullName);
    writeRef(add, "APAccountRef", input.apAccount, MAX_LENGTH.listRefFullName);
    writeDate(add, "TxnDate", input.txnDate);
    writeRef(add, "BankAccountRef", input.bankAccount, MAX_LENGTH.listRefFullName);
    writeCheckNumber(add, input.refNumber, true);
    writeText(add, "Memo", input.memo, MAX_LENGTH.memo);
    if (input.appliedTo.length === 0) {
      throw new QbxmlFieldError(`${add.path}.AppliedToTxnAdd`, "is an empty list; a bill payment pays at least one bill.");
    }
    writeEach(add, "AppliedToTxnAdd", input.appliedTo, writeApplied);
  });
}

function billPaymentCheckModRq(input: BillPaymentCheckModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("BillPaymentCheckModRq", options, (rq) => {
    const mod = aggregate(rq, "BillPaymentCheckMod", "BillPaymentCheckMod");
    writeModCore(mod, "TxnID", input.txnId, input.editSequence);
    writeDate(mod, "TxnDate", input.txnDate);
    writeRef(mod, "BankAccountRef", input.bankAccount, MAX_LENGTH.listRefFullName);
    writeAmount(mod, "Amount", input.amount);
    writeCheckNumber(mod, input.refNumber, false);
    writeText(mod, "Memo", input.memo, MAX_LENGTH.memo);
    writeEach(mod, "AppliedToTxnMod", input.appliedTo, writeApplied);
  });
}

/** IsToBePrinted or RefNumber, an xsd:choice: an Add without a check number marks the check to be printed. */
function writeCheckNumber(scope: Scope, refNumber: string | undefined, required: boolean): void {
  if (refNumber !== undefined) writeText(scope, "RefNumber", refNumber, MAX_LENGTH.checkRefNumber);
  else if (required) writeBool(scope, "IsToBePrinted", true);
}

function writeApplied(scope: Scope, input: BillAppliedInput): void {
  writeId(scope, "TxnID", input.txnId);
  writeAmount(scope, "PaymentAmount", input.paymentAmount);
}
