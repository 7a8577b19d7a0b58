import { createRequest } from "./build-document";
import { MAX_LENGTH } from "./limits";
import type { AddressInput, Cents, PriceCents, QbDate, QbxmlRequest, RefInput, RequestOptions } from "./types";
import {
  aggregate,
  writeAddress,
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

export type { InvoiceFields, InvoiceLineInput, InvoiceLineModInput, InvoiceAddInput, InvoiceModInput };
export { invoiceAddRq, invoiceModRq, NEW_TXN_LINE_ID };

/** TxnLineID "-1" in an InvoiceLineMod asks QuickBooks to add the line. */
const NEW_TXN_LINE_ID = "-1";

interface InvoiceLineInput {
  readonly item?: RefInput;
  readonly desc?: string;
  readonly quantity?: number;
  readonly rate?: PriceCents;
  /** QuickBooks computes Quantity × Rate when the amount is left out. */
  readonly amount?: Cents;
  readonly serviceDate?: QbDate;
  readonly salesTaxCode?: RefInput;
}

interface InvoiceLineModInput extends InvoiceLineInput {
  /** The line's TxnLineID; leave it out to add a new line. */
  readonly txnLineId?: string;
}

interface InvoiceFields {
  readonly arAccount?: RefInput;
  readonly template?: RefInput;
  readonly txnDate?: QbDate;
  readonly refNumber?: string;
  readonly billAddress?: AddressInput;
  readonly shipAddress?: AddressInput;
  readonly isPending?: boolean;
  readonly poNumber?: string;
  readonly terms?: RefInput;
  readonly dueDate?: QbDate;
  readonly fob?: string;
  readonly shipDate?: QbDate;
  readonly itemSalesTax?: RefInput;
  readonly memo?: string;
  readonly isToBePrinted?: boolean;
  readonly isToBeEmailed?: boolean;
  readonly customerSalesTaxCode?: RefInput;
  readonly other?: string;
}

interface InvoiceAddInput extends InvoiceFields {
  readonly customer: RefInput;
  readonly externalGuid?: string;
  readonly lines: readonly InvoiceLineInput[];
}

interface InvoiceModInput extends InvoiceFields {
  readonly txnId: string;
  readonly editSequence: string;
  readonly customer?: RefInput;
  /**
   * Left out: the lines stay as they are. Given: QuickBooks keeps exactly these lines, so every
   * existing line that should stay must be listed with its TxnLineID (omitted lines are deleted).
   */
  readonly lines?: readonly InvoiceLineModInput[];
}

function invoiceAddRq(input: InvoiceAddInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("InvoiceAddRq", options, (rq) => {
    const add = aggregate(rq, "InvoiceAdd", "InvoiceAdd");
    writeRef(add, "CustomerRef", input.customer, MAX_LENGTH.customerRefFullName);
    writeInvoiceFields(add, input, () => writeGuid(add, "ExternalGUID", input.externalGuid));
    writeEach(add, "InvoiceLineAdd", input.lines, writeLine);
  });
}

function invoiceModRq(input: InvoiceModInput, options?: RequestOptions): QbxmlRequest {
  return createRequest("InvoiceModRq", options, (rq) => {
    const mod = aggregate(rq, "InvoiceMod", "InvoiceMod");
    writeModCore(mod, "TxnID", input.txnId, input.editSequence);
    writeRef(mod, "CustomerRef", input.customer, MAX_LENGTH.customerRefFullName);
    writeInvoiceFields(mod, input);
    writeEach(mod, "InvoiceLineMod", input.lines, (line, lineInput) => {
      writeId(line, "TxnLineID", lineInput.txnLineId ?? NEW_TXN_LINE_ID);
      writeLine(line, lineInput);
    });
  });
}

/** InvoiceAdd/InvoiceMod after CustomerRef, in schema order; `writeTail` adds Add-only ExternalGUID. */
function writeInvoiceFields(scope: Scope, input: InvoiceFields, writeTail?: () => void): void {
  writeRef(scope, "ARAccountRef", input.arAccount, MAX_LENGTH.listRefFullName);
  writeRef(scope, "TemplateRef", input.template, MAX_LENGTH.simpleListRefFullName);
  writeDate(scope, "TxnDate", input.txnDate);
  writeText(scope, "RefNumber", input.refNumber, MAX_LENGTH.invoiceRefNumber);
  writeAddress(scope, "BillAddress", input.billAddress);
  writeAddress(scope, "ShipAddress", input.shipAddress);
  writeBool(scope, "IsPending", input.isPending);
  writeText(scope, "PONumber", input.poNumber, MAX_LENGTH.poNumber);
  writeRef(scope, "TermsRef", input.terms, MAX_LENGTH.simpleListRefFullName);
  writeDate(scope, "DueDate", input.dueDate);
  writeText(scope, "FOB", input.fob, MAX_LENGTH.fob);
  writeDate(scope, "ShipDate", input.shipDate);
  writeRef(scope, "ItemSalesTaxRef", input.itemSalesTax, MAX_LENGTH.simpleListRefFullName);
  writeText(scope, "Memo", input.memo, MAX_LENGTH.memo);
  writeBool(scope, "IsToBePrinted", input.isToBePrinted);
  writeBool(scope, "IsToBeEmailed", input.isToBeEmailed);
  writeRef(scope, "CustomerSalesTaxCodeRef", input.customerSalesTaxCode, MAX_LENGTH.salesTaxCodeRefFullName);
  writeText(scope, "Other", input.other, MAX_LENGTH.invoiceOther);
  writeTail?.();
}

/** InvoiceLineAdd/InvoiceLineMod: Rate comes after Quantity, Amount after Rate, SalesTaxCodeRef after ServiceDate. */
function writeLine(line: Scope, input: InvoiceLineInput): void {
  // ItemRef has no facet; item FullNames are at most 159 characters (Item*Ret).
  writeRef(line, "ItemRef", input.item, MAX_LENGTH.listRefFullName);
  writeText(line, "Desc", input.desc, MAX_LENGTH.desc);
  writeQuantity(line, "Quantity", input.quantity);
  writePrice(line, "Rate", input.rate);
  writeAmount(line, "Amount", input.amount);
  writeDate(line, "ServiceDate", input.serviceDate);
  writeRef(line, "SalesTaxCodeRef", input.salesTaxCode, MAX_LENGTH.salesTaxCodeRefFullName);
}
