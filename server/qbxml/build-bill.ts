import { createRequest } from "./build-document";
import { NEW_TXN_LINE_ID } from "./build-invoice";
import { MAX_LENGTH } from "./limits";
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

export type { BillFields, BillExpenseLineInput, BillItemLineInput, BillAddInput, BillModInput };
export { billAddRq, billModRq };

/** An expense line: money booked straight to an account (materials, fuel). */
interface BillExpenseLineInput {
  readonly account?: RefInput;
  readonly amount?: Cents;
  readonly memo?: string;
}

/** An item line: an item bought, at a cost per unit. */
interface BillItemLineInput {
  readonly item?: RefInput;
  readonly desc?: string;
  readonly quantity?: number;
  readonly cost?: PriceCents;
  /** QuickBooks computes Quantity × Cost when the amount is left out. */
  readonly amount?: Cents;
  /**
   * The purchase order line it bills (BillAdd only: ItemLineMod has no LinkToTxn). QuickBooks links the bill to the
   * order and counts the quantity as received on that line.
   */
  readonly linkToTxn?: { readonly txnId: string; readonly txnLineId: string };
}

interface BillFields {
  readonly apAccount?: RefInput;
  readonly txnDate?: QbDate;
  readonly dueDate?: QbDate;
  /** The vendor's own invoice number. */
  readonly refNumber?: string;
  readonly terms?: RefInput;
  readonly memo?: string;
}

interface BillAddInput extends BillFields {
  readonly vendor: RefInput;
  readonly externalGuid?: string;
  readonly expenseLines: readonly BillExpenseLineInput[];
  readonly itemLines: readonly BillItemLineInput[];
}

interface BillModInput extends BillFields {
  readonly txnId: string;
  readonly editSequence: string;
  readonly vendor?: RefInput;
  /**
   * Left out: the lines stay as they are. Given: QuickBooks keeps exactly these lines, each sent as new; an empty
   * list clears that kind of line (ClearExpenseLines / ClearItemLines).
   */
  readonly expenseLines?: readonly BillExpenseLineInput[];
  readonly itemLines?: readonly BillItemLineInput[];
}

function billAddRq(input: BillAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("BillAddRq", options, (rq) => {
    const add = aggregate(rq, "BillAdd", "BillAdd");
    writeRef(add, "VendorRef", input.vendor, MAX_LENGTH.vendorRefFullName);
    writeBillFields(add, input);
    writeGuid(add, "ExternalGUID", input.externalGuid);
    // The schema puts every ExpenseLineAdd before the first ItemLineAdd.
    writeEach(add, "ExpenseLineAdd", input.expenseLines, writeExpenseLine);
    writeEach(add, "ItemLineAdd", input.itemLines, (line, lineInput) => {
      writeItemLine(line, lineInput);
      // LinkToTxn comes after OverrideItemAccountRef, the last of the line's fields written here.
      if (lineInput.linkToTxn) {
        const link = aggregate(line, "LinkToTxn");
        writeId(link, "TxnID", lineInput.linkToTxn.txnId);
        writeId(link, "TxnLineID", lineInput.linkToTxn.txnLineId);
      }
    });
  });
}

function billModRq(input: BillModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("BillModRq", options, (rq) => {
    const mod = aggregate(rq, "BillMod", "BillMod");
    writeModCore(mod, "TxnID", input.txnId, input.editSequence);
    writeRef(mod, "VendorRef", input.vendor, MAX_LENGTH.vendorRefFullName);
    writeBillFields(mod, input);
    writeBool(mod, "ClearExpenseLines", input.expenseLines?.length === 0 ? true : undefined);
    writeEach(mod, "ExpenseLineMod", input.expenseLines, (line, lineInput) => {
      writeId(line, "TxnLineID", NEW_TXN_LINE_ID);
      writeExpenseLine(line, lineInput);
    });
    writeBool(mod, "ClearItemLines", input.itemLines?.length === 0 ? true : undefined);
    writeEach(mod, "ItemLineMod", input.itemLines, (line, lineInput) => {
      writeId(line, "TxnLineID", NEW_TXN_LINE_ID);
      writeItemLine(line, lineInput);
    });
  });
}

/** BillAdd/BillMod after VendorRef, in schema order. */
function writeBillFields(scope: Scope, input: BillFields): void {
  writeRef(scope, "APAccountRef", input.apAccount, MAX_LENGTH.listRefFullName);
  writeDate(scope, "TxnDate", input.txnDate);
  writeDate(scope, "DueDate", input.dueDate);
  writeText(scope, "RefNumber", input.refNumber, MAX_LENGTH.billRefNumber);
  writeRef(scope, "TermsRef", input.terms, MAX_LENGTH.simpleListRefFullName);
  writeText(scope, "Memo", input.memo, MAX_LENGTH.memo);
}

function writeExpenseLine(line: Scope, input: BillExpenseLineInput): void {
  writeRef(line, "AccountRef", input.account, MAX_LENGTH.listRefFullName);
  writeAmount(line, "Amount", input.amount);
  writeText(line, "Memo", input.memo, MAX_LENGTH.memo);
}

/** ItemLineAdd/ItemLineMod: Desc, Quantity, Cost, Amount in that order. */
function writeItemLine(line: Scope, input: BillItemLineInput): void {
  // ItemRef has no facet; item FullNames are at most 159 characters (Item*Ret).
  writeRef(line, "ItemRef", input.item, MAX_LENGTH.listRefFullName);
  writeText(line, "Desc", input.desc, MAX_LENGTH.desc);
  writeQuantity(line, "Quantity", input.quantity);
  writePrice(line, "Cost", input.cost);
  writeAmount(line, "Amount", input.amount);
}
