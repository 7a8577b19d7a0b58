import type {
  AppliedToTxnRecord,
  BillExpenseLineRecord,
  BillItemLineRecord,
  BillPaymentCheckRecord,
  BillRecord,
  InvoiceLineRecord,
  InvoiceRecord,
  LinkedTxnRecord,
  PurchaseOrderLineRecord,
  PurchaseOrderRecord,
  ReceivePaymentRecord,
  TxnCore,
} from "./records";
import {
  childElements,
  readAddress,
  readAmount,
  readBool,
  readCustomFields,
  readInteger,
  readNumber,
  readPrice,
  readRef,
  readString,
  type XmlElement,
} from "./xml-read";

export { readTxnCore, readInvoice, readReceivePayment, readPurchaseOrder, readBill, readBillPaymentCheck };

function readTxnCore(ret: XmlElement): TxnCore {
  return {
    txnId: readString(ret, "TxnID"),
    timeCreated: readString(ret, "TimeCreated"),
    timeModified: readString(ret, "TimeModified"),
    editSequence: readString(ret, "EditSequence"),
    txnNumber: readInteger(ret, "TxnNumber"),
  };
}

function readInvoice(ret: XmlElement): InvoiceRecord {
  return {
    kind: "Invoice",
    ...readTxnCore(ret),
    customer: readRef(ret, "CustomerRef"),
    arAccount: readRef(ret, "ARAccountRef"),
    template: readRef(ret, "TemplateRef"),
    txnDate: readString(ret, "TxnDate"),
    refNumber: readString(ret, "RefNumber"),
    billAddress: readAddress(ret, "BillAddress"),
    shipAddress: readAddress(ret, "ShipAddress"),
    isPending: readBool(ret, "IsPending"),
    poNumber: readString(ret, "PONumber"),
    terms: readRef(ret, "TermsRef"),
    dueDate: readString(ret, "DueDate"),
    shipDate: readString(ret, "ShipDate"),
    subtotal: readAmount(ret, "Subtotal"),
    itemSalesTax: readRef(ret, "ItemSalesTaxRef"),
    salesTaxPercentage: readNumber(ret, "SalesTaxPercentage"),
    salesTaxTotal: readAmount(ret, "SalesTaxTotal"),
    appliedAmount: readAmount(ret, "AppliedAmount"),
    balanceRemaining: readAmount(ret, "BalanceRemaining"),
    memo: readString(ret, "Memo"),
    isPaid: readBool(ret, "IsPaid"),
    isToBePrinted: readBool(ret, "IsToBePrinted"),
    isToBeEmailed: readBool(ret, "IsToBeEmailed"),
    customerSalesTaxCode: readRef(ret, "CustomerSalesTaxCodeRef"),
    other: readString(ret, "Other"),
    externalGuid: readString(ret, "ExternalGUID"),
    linkedTxns: childElements(ret, "LinkedTxn").map(readLinkedTxn),
    lines: readGroupedLines(ret, { line: "InvoiceLineRet", group: "InvoiceLineGroupRet" }, readInvoiceLine),
    customFields: readCustomFields(ret),
  };
}

/**
 * A transaction's lines in document order. A group item line is read as its component lines, each carrying the
 * group's TxnLineID.
 */
function readGroupedLines<Line>(ret: XmlElement, names: { line: string; group: string }, readLine: (line: XmlElement) => Line): Line[] {
  return ret.children.flatMap<Line>((child) => {
    if (child.name === names.line) return [readLine(child)];
    if (child.name !== names.group) return [];
    const groupTxnLineId = readString(child, "TxnLineID");
    return childElements(child, names.line).map((line) => ({ ...readLine(line), groupTxnLineId }));
  });
}

function readInvoiceLine(line: XmlElement): InvoiceLineRecord {
  return {
    txnLineId: readString(line, "TxnLineID"),
    item: readRef(line, "ItemRef"),
    desc: readString(line, "Desc"),
    quantity: readNumber(line, "Quantity"),
    rate: readPrice(line, "Rate"),
    ratePercent: readNumber(line, "RatePercent"),
    amount: readAmount(line, "Amount"),
    serviceDate: readString(line, "ServiceDate"),
    salesTaxCode: readRef(line, "SalesTaxCodeRef"),
    customFields: readCustomFields(line),
  };
}

function readLinkedTxn(linked: XmlElement): LinkedTxnRecord {
  return {
    txnId: readString(linked, "TxnID"),
    txnType: readString(linked, "TxnType"),
    txnDate: readString(linked, "TxnDate"),
    refNumber: readString(linked, "RefNumber"),
    linkType: readString(linked, "LinkType"),
    amount: readAmount(linked, "Amount"),
  };
}

function readReceivePayment(ret: XmlElement): ReceivePaymentRecord {
  return {
    kind: "ReceivePayment",
    ...readTxnCore(ret),
    customer: readRef(ret, "CustomerRef"),
    arAccount: readRef(ret, "ARAccountRef"),
    txnDate: readString(ret, "TxnDate"),
    refNumber: readString(ret, "RefNumber"),
    totalAmount: readAmount(ret, "TotalAmount"),
    paymentMethod: readRef(ret, "PaymentMethodRef"),
    memo: readString(ret, "Memo"),
    depositToAccount: readRef(ret, "DepositToAccountRef"),
    unusedPayment: readAmount(ret, "UnusedPayment"),
    unusedCredits: readAmount(ret, "UnusedCredits"),
    externalGuid: readString(ret, "ExternalGUID"),
    appliedTo: childElements(ret, "AppliedToTxnRet").map(readAppliedToTxn),
    customFields: readCustomFields(ret),
  };
}

function readAppliedToTxn(applied: XmlElement): AppliedToTxnRecord {
  return {
    txnId: readString(applied, "TxnID"),
    txnType: readString(applied, "TxnType"),
    txnDate: readString(applied, "TxnDate"),
    refNumber: readString(applied, "RefNumber"),
    balanceRemaining: readAmount(applied, "BalanceRemaining"),
    amount: readAmount(applied, "Amount"),
    discountAmount: readAmount(applied, "DiscountAmount"),
  };
}

function readPurchaseOrder(ret: XmlElement): PurchaseOrderRecord {
  return {
    kind: "PurchaseOrder",
    ...readTxnCore(ret),
    vendor: readRef(ret, "VendorRef"),
    shipToEntity: readRef(ret, "ShipToEntityRef"),
    txnDate: readString(ret, "TxnDate"),
    refNumber: readString(ret, "RefNumber"),
    terms: readRef(ret, "TermsRef"),
    dueDate: readString(ret, "DueDate"),
    expectedDate: readString(ret, "ExpectedDate"),
    totalAmount: readAmount(ret, "TotalAmount"),
    isManuallyClosed: readBool(ret, "IsManuallyClosed"),
    isFullyReceived: readBool(ret, "IsFullyReceived"),
    memo: readString(ret, "Memo"),
    vendorMsg: readString(ret, "VendorMsg"),
    externalGuid: readString(ret, "ExternalGUID"),
    linkedTxns: childElements(ret, "LinkedTxn").map(readLinkedTxn),
    lines: readGroupedLines(ret, { line: "PurchaseOrderLineRet", group: "PurchaseOrderLineGroupRet" }, readPurchaseOrderLine),
    customFields: readCustomFields(ret),
  };
}

function readPurchaseOrderLine(line: XmlElement): PurchaseOrderLineRecord {
  return {
    txnLineId: readString(line, "TxnLineID"),
    item: readRef(line, "ItemRef"),
    desc: readString(line, "Desc"),
    quantity: readNumber(line, "Quantity"),
    rate: readPrice(line, "Rate"),
    amount: readAmount(line, "Amount"),
    customer: readRef(line, "CustomerRef"),
    receivedQuantity: readNumber(line, "ReceivedQuantity"),
    isManuallyClosed: readBool(line, "IsManuallyClosed"),
  };
}

function readBill(ret: XmlElement): BillRecord {
  return {
    kind: "Bill",
    ...readTxnCore(ret),
    vendor: readRef(ret, "VendorRef"),
    apAccount: readRef(ret, "APAccountRef"),
    txnDate: readString(ret, "TxnDate"),
    dueDate: readString(ret, "DueDate"),
    amountDue: readAmount(ret, "AmountDue"),
    refNumber: readString(ret, "RefNumber"),
    terms: readRef(ret, "TermsRef"),
    memo: readString(ret, "Memo"),
    isPaid: readBool(ret, "IsPaid"),
    externalGuid: readString(ret, "ExternalGUID"),
    linkedTxns: childElements(ret, "LinkedTxn").map(readLinkedTxn),
    expenseLines: childElements(ret, "ExpenseLineRet").map(readExpenseLine),
    itemLines: readGroupedLines(ret, { line: "ItemLineRet", group: "ItemGroupLineRet" }, readBillItemLine),
    openAmount: readAmount(ret, "OpenAmount"),
    customFields: readCustomFields(ret),
  };
}

function readExpenseLine(line: XmlElement): BillExpenseLineRecord {
  return {
    txnLineId: readString(line, "TxnLineID"),
    account: readRef(line, "AccountRef"),
    amount: readAmount(line, "Amount"),
    memo: readString(line, "Memo"),
  };
}

function readBillItemLine(line: XmlElement): BillItemLineRecord {
  return {
    txnLineId: readString(line, "TxnLineID"),
    item: readRef(line, "ItemRef"),
    desc: readString(line, "Desc"),
    quantity: readNumber(line, "Quantity"),
    cost: readPrice(line, "Cost"),
    amount: readAmount(line, "Amount"),
  };
}

function readBillPaymentCheck(ret: XmlElement): BillPaymentCheckRecord {
  return {
    kind: "BillPaymentCheck",
    ...readTxnCore(ret),
    payee: readRef(ret, "PayeeEntityRef"),
    apAccount: readRef(ret, "APAccountRef"),
    txnDate: readString(ret, "TxnDate"),
    bankAccount: readRef(ret, "BankAccountRef"),
    amount: readAmount(ret, "Amount"),
    refNumber: readString(ret, "RefNumber"),
    memo: readString(ret, "Memo"),
    isToBePrinted: readBool(ret, "IsToBePrinted"),
    externalGuid: readString(ret, "ExternalGUID"),
    appliedTo: childElements(ret, "AppliedToTxnRet").map(readAppliedToTxn),
    customFields: readCustomFields(ret),
  };
}
