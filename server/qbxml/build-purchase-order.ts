import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import { NEW_TXN_LINE_ID } from "./build-invoice";
import type { Cents, PriceCents, QbDate, QbxmlRequest, RefInput, RequestOptions } from "./types";
import {
  aggregate,
  writeAmount,
  writeBool,
  writeDate,
  writeEach,
  writeGuid,
  writeId,
  writeModCore,
  writePrice,
  writeQuantity,
  writeRef,
  writeText,
  type Scope,
} from "./xml-write";

export type { PurchaseOrderFields, PurchaseOrderLineInput, PurchaseOrderLineModInput, PurchaseOrderAddInput, PurchaseOrderModInput };
export { purchaseOrderAddRq, purchaseOrderModRq };

interface PurchaseOrderLineInput {
  readonly item?: RefInput;
  readonly desc?: string;
  readonly quantity?: number;
  readonly rate?: PriceCents;
  /** QuickBooks computes Quantity × Rate when the amount is left out. */
  readonly amount?: Cents;
  /** The customer or job the line is bought for. */
  readonly customer?: RefInput;
}

interface PurchaseOrderLineModInput extends PurchaseOrderLineInput {
  /** The line's TxnLineID; leave it out to add a new line. */
  readonly txnLineId?: string;
}

interface PurchaseOrderFields {
  readonly vendor?: RefInput;
  /** The customer, vendor or employee the order is shipped to (a customer's job, for field work). */
  readonly shipToEntity?: RefInput;
  readonly txnDate?: QbDate;
  readonly refNumber?: string;
  readonly terms?: RefInput;
  readonly dueDate?: QbDate;
  readonly expectedDate?: QbDate;
  readonly memo?: string;
  readonly vendorMsg?: string;
}

interface PurchaseOrderAddInput extends PurchaseOrderFields {
  readonly vendor: RefInput;
  readonly externalGuid?: string;
  readonly lines: readonly PurchaseOrderLineInput[];
}

interface PurchaseOrderModInput extends PurchaseOrderFields {
  readonly txnId: string;
  readonly editSequence: string;
  /** Only a Mod can close an order by hand: PurchaseOrderAdd has no IsManuallyClosed. */
  readonly isManuallyClosed?: boolean;
  /**
   * Left out: the lines stay as they are. Given: QuickBooks keeps exactly these lines, so every
   * existing line that should stay must be listed with its TxnLineID (omitted lines are deleted).
   */
  readonly lines?: readonly PurchaseOrderLineModInput[];
}

function purchaseOrderAddRq(input: PurchaseOrderAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("PurchaseOrderAddRq", options, (rq) => {
    const add = aggregate(rq, "PurchaseOrderAdd", "PurchaseOrderAdd");
    writePurchaseOrderFields(add, input, {});
    writeGuid(add, "ExternalGUID", input.externalGuid);
    writeEach(add, "PurchaseOrderLineAdd", input.lines, writeLine);
  });
}

function purchaseOrderModRq(input: PurchaseOrderModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("PurchaseOrderModRq", options, (rq) => {
    const mod = aggregate(rq, "PurchaseOrderMod", "PurchaseOrderMod");
    writeModCore(mod, "TxnID", input.txnId, input.editSequence);
    writePurchaseOrderFields(mod, input, { isManuallyClosed: input.isManuallyClosed });
    writeEach(mod, "PurchaseOrderLineMod", input.lines, (line, lineInput) => {
      writeId(line, "TxnLineID", lineInput.txnLineId ?? NEW_TXN_LINE_ID);
      writeLine(line, lineInput);
    });
  });
}

/** PurchaseOrderAdd/PurchaseOrderMod from VendorRef to Memo's neighbours, in schema order (IsManuallyClosed: Mod only). */
function writePurchaseOrderFields(scope: Scope, input: PurchaseOrderFields, modOnly: { isManuallyClosed?: boolean }): void {
  writeRef(scope, "VendorRef", input.vendor, MAX_LENGTH.vendorRefFullName);
  writeRef(scope, "ShipToEntityRef", input.shipToEntity, MAX_LENGTH.customerRefFullName);
  writeDate(scope, "TxnDate", input.txnDate);
  writeText(scope, "RefNumber", input.refNumber, MAX_LENGTH.purchaseOrderRefNumber);
  writeRef(scope, "TermsRef", input.terms, MAX_LENGTH.simpleListRefFullName);
  writeDate(scope, "DueDate", input.dueDate);
  writeDate(scope, "ExpectedDate", input.expectedDate);
  writeBool(scope, "IsManuallyClosed", modOnly.isManuallyClosed);
  writeText(scope, "Memo", input.memo, MAX_LENGTH.memo);
  writeText(scope, "VendorMsg", input.vendorMsg, MAX_LENGTH.vendorMsg);
}

/** PurchaseOrderLineAdd/PurchaseOrderLineMod: Rate after Quantity, Amount after Rate, CustomerRef after Amount. */
function writeLine(line: Scope, input: PurchaseOrderLineInput): void {
  writeRef(line, "ItemRef", input.item, MAX_LENGTH.listRefFullName);
  writeText(line, "Desc", input.desc, MAX_LENGTH.desc);
  writeQuantity(line, "Quantity", input.quantity);
  writePrice(line, "Rate", input.rate);
  writeAmount(line, "Amount", input.amount);
  writeRef(line, "CustomerRef", input.customer, MAX_LENGTH.customerRefFullName);
}
