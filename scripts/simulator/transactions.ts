import { LIST_WORDS, type Books } from "./books";
import { mergeFields, prepareInput } from "./edits";
import type { Aggregate } from "./fields";
import { DEFAULT_SALES_TAX_ITEM } from "./host";
import { BILL, BILL_PAYMENT_CHECK, INVOICE, INVOICE_LINE, PURCHASE_ORDER, PURCHASE_ORDER_LINE, RECEIVE_PAYMENT } from "./layouts";
import { divideToPrice, formatCents, multiplyToCents, toCents } from "./money";
import { invoiceSalesTax } from "./sales-tax";
import { statusMessages, StatusError } from "./status";
import type { SimRecord, TxnKind } from "./store";
import { addDays, formatDate } from "./time";

export type { Application };
export {
  addInvoice,
  modInvoice,
  addPayment,
  modPayment,
  addPurchaseOrder,
  modPurchaseOrder,
  receivePurchaseOrder,
  purchaseOrderTotals,
  addBill,
  modBill,
  billTotals,
  orderBilling,
  billOrders,
  addBillPayment,
  modBillPayment,
  billPaymentsOf,
  deleteTransaction,
  findTxn,
  invoiceTotals,
  applicationsOf,
  paymentsApplied,
  customerBalance,
  listBalance,
  BALANCE_ADJUSTMENT,
  indexTransaction,
  accountNamed,
};

/** One AppliedToTxn of a payment as stored: the invoice and the amounts. */
interface Application {
  readonly TxnID: string;
  readonly PaymentAmount?: string;
  readonly DiscountAmount?: string;
  readonly DiscountAccountRef?: Aggregate;
}

const LINES = "InvoiceLineRet";
/**
 * Kept in a customer's or vendor's fields, never written in a *Ret: what transactions the simulator does not model
 * (credit memos, charges, vendor credits) add to the record's balance. See SimulatedCompany.adjustBalance.
 */
const BALANCE_ADJUSTMENT = "BalanceAdjustment";
const APPLIED = "AppliedToTxnRet";

function findTxn(books: Books, kind: TxnKind, txnId: string): SimRecord | undefined {
  const record = books.store.get(txnId);
  return record?.kind === kind ? record : undefined;
}

function addInvoice(books: Books, input: Aggregate): SimRecord {
  const fields = prepareInput(books, input, INVOICE, "Invoice");
  const customer = books.store.get(refId(fields.CustomerRef))!;
  books.checkNotInUse(undefined, "Invoice", "");
  const now = books.nowMs();
  const txnDate = (fields.TxnDate as string | undefined) ?? formatDate(now, books.info.utcOffsetMinutes);
  const terms = (fields.TermsRef ?? customer.fields.TermsRef) as Aggregate | undefined;
  const record = newTxn(books, "Invoice", now);
  record.fields = withoutUndefined({
    ARAccountRef: accountNamed(books, "Accounts Receivable"),
    BillAddress: customer.fields.BillAddress,
    ShipAddress: customer.fields.ShipAddress,
    IsPending: "false",
    IsFinanceCharge: "false",
    TermsRef: terms,
    DueDate: dueDate(books, txnDate, terms),
    ShipDate: txnDate,
    IsToBePrinted: "false",
    IsToBeEmailed: "false",
    // Left out of the request, QuickBooks charges the customer's sales tax item, else the company's default one.
    ItemSalesTaxRef: customer.fields.ItemSalesTaxRef ?? defaultSalesTaxItem(books),
    CustomerSalesTaxCodeRef: customer.fields.SalesTaxCodeRef ?? defaultTaxableCode(books),
    ...withoutUndefined(fields),
    TxnDate: txnDate,
    RefNumber: (fields.RefNumber as string | undefined) ?? String(books.ledger.lastInvoiceNumber + 1),
    [LINES]: ((fields[LINES] ?? []) as Aggregate[]).map((line) => completeLine(books, { ...line, TxnLineID: books.store.nextTxnId(now) })),
  });
  noteInvoiceNumber(books, record);
  books.store.insert(record);
  indexTransaction(books, record);
  return record;
}

function defaultSalesTaxItem(books: Books): Aggregate | undefined {
  const item = books.store.byName(["ItemSalesTax"], DEFAULT_SALES_TAX_ITEM);
  return item ? { ListID: item.id, FullName: books.fullNameOf(item) } : undefined;
}

function defaultTaxableCode(books: Books): Aggregate | undefined {
  const code = books.store.byName(["SalesTaxCode"], "Tax");
  return code ? { ListID: code.id, FullName: "Tax" } : undefined;
}

function modInvoice(books: Books, input: Aggregate): SimRecord {
  const record = books.recordToModify("Invoice", input);
  const changes = prepareInput(books, input, INVOICE, "Invoice");
  const lineChanges = changes[LINES] as Aggregate[] | undefined;
  // Given lines are the invoice's lines from now on; "-1" adds one, a line left out is deleted.
  const lines = lineChanges?.map((change) => changedLine(books, record, change));
  books.checkNotInUse(record, "Invoice", record.id);
  unindexTransaction(books, record);
  mergeFields(record.fields, { ...changes, [LINES]: undefined }, INVOICE);
  if (lines) record.fields[LINES] = lines;
  if (changes.TermsRef !== undefined && changes.DueDate === undefined) {
    record.fields.DueDate = dueDate(books, record.fields.TxnDate as string, record.fields.TermsRef as Aggregate | undefined);
  }
  noteInvoiceNumber(books, record);
  indexTransaction(books, record);
  books.touch(record);
  return record;
}

function changedLine(books: Books, invoice: SimRecord, change: Aggregate): Aggregate {
  const txnLineId = change.TxnLineID as string;
  if (txnLineId === "-1") return completeLine(books, { ...change, TxnLineID: books.store.nextTxnId(books.nowMs()) });
  const current = ((invoice.fields[LINES] ?? []) as Aggregate[]).find((line) => line.TxnLineID === txnLineId);
  if (!current) throw new StatusError(3120, statusMessages.notFound(txnLineId));
  const merged: Aggregate = { ...current };
  mergeFields(merged, change, INVOICE_LINE);
  // A new quantity or rate without an amount asks QuickBooks to work the amount out again.
  if (change.Amount === undefined && (change.Quantity !== undefined || change.Rate !== undefined)) delete merged.Amount;
  return completeLine(books, merged);
}

/** Fills what QuickBooks fills on a line: description, rate and tax code from the item, and the amount. */
function completeLine(books: Books, line: Aggregate): Aggregate {
  const item = line.ItemRef ? books.store.get(refId(line.ItemRef)) : undefined;
  const pricing = (item?.fields.SalesOrPurchase ?? item?.fields.SalesAndPurchase) as Aggregate | undefined;
  const completed: Aggregate = { ...line };
  completed.Desc ??= (pricing?.Desc ?? pricing?.SalesDesc) as string | undefined;
  if (completed.Rate === undefined && completed.RatePercent === undefined && completed.Amount === undefined) {
    completed.Rate = (pricing?.Price ?? pricing?.SalesPrice) as string | undefined;
  }
  completed.SalesTaxCodeRef ??= item?.fields.SalesTaxCodeRef;
  const quantity = completed.Quantity as string | undefined;
  const rate = completed.Rate as string | undefined;
  if (completed.Amount === undefined) {
    const cents = rate === undefined ? 0 : quantity === undefined ? toCents(rate) : multiplyToCents(quantity, rate);
    completed.Amount = formatCents(cents);
  } else if (rate === undefined && quantity !== undefined && completed.RatePercent === undefined) {
    completed.Rate = divideToPrice(toCents(completed.Amount as string), quantity);
  }
  return withoutUndefined(completed);
}

const PO_LINES = "PurchaseOrderLineRet";

/** A purchase order's lines are priced at the item's cost (its purchase price) when no rate is given. */
function addPurchaseOrder(books: Books, input: Aggregate): SimRecord {
  const fields = prepareInput(books, input, PURCHASE_ORDER, "PurchaseOrder");
  books.checkNotInUse(undefined, "PurchaseOrder", "");
  const now = books.nowMs();
  const record = newTxn(books, "PurchaseOrder", now);
  record.fields = withoutUndefined({
    IsToBePrinted: "false",
    IsToBeEmailed: "false",
    ...withoutUndefined(fields),
    TxnDate: (fields.TxnDate as string | undefined) ?? formatDate(now, books.info.utcOffsetMinutes),
    RefNumber: (fields.RefNumber as string | undefined) ?? String(books.store.count("PurchaseOrder") + 1),
    IsManuallyClosed: "false",
    [PO_LINES]: ((fields[PO_LINES] ?? []) as Aggregate[]).map((line) =>
      completePurchaseLine(books, { ...line, TxnLineID: books.store.nextTxnId(now) }),
    ),
  });
  books.store.insert(record);
  return record;
}

function modPurchaseOrder(books: Books, input: Aggregate): SimRecord {
  const record = books.recordToModify("PurchaseOrder", input);
  const changes = prepareInput(books, input, PURCHASE_ORDER, "PurchaseOrder");
  const lineChanges = changes[PO_LINES] as Aggregate[] | undefined;
  // Given lines are the order's lines from now on; "-1" adds one, a line left out is deleted.
  const lines = lineChanges?.map((change) => changedPurchaseLine(books, record, change));
  books.checkNotInUse(record, "PurchaseOrder", record.id);
  mergeFields(record.fields, { ...changes, [PO_LINES]: undefined }, PURCHASE_ORDER);
  if (lines) record.fields[PO_LINES] = lines;
  books.touch(record);
  return record;
}

/**
 * Items received against the order in QuickBooks (Receive Items): each line's received quantity rises, by the
 * quantities given per line position, or to the full quantity when none are given.
 */
function receivePurchaseOrder(books: Books, record: SimRecord, quantities?: readonly number[]): SimRecord {
  const lines = (record.fields[PO_LINES] ?? []) as Aggregate[];
  record.fields[PO_LINES] = lines.map((line, index) => {
    const ordered = Number(line.Quantity ?? 0);
    const received = quantities === undefined ? ordered : Number(line.ReceivedQuantity ?? 0) + (quantities[index] ?? 0);
    return { ...line, ReceivedQuantity: String(Math.min(received, ordered)) };
  });
  books.touch(record);
  return record;
}

function changedPurchaseLine(books: Books, order: SimRecord, change: Aggregate): Aggregate {
  const txnLineId = change.TxnLineID as string;
  if (txnLineId === "-1") return completePurchaseLine(books, { ...change, TxnLineID: books.store.nextTxnId(books.nowMs()) });
  const current = ((order.fields[PO_LINES] ?? []) as Aggregate[]).find((line) => line.TxnLineID === txnLineId);
  if (!current) throw new StatusError(3120, statusMessages.notFound(txnLineId));
  const merged: Aggregate = { ...current };
  mergeFields(merged, change, PURCHASE_ORDER_LINE);
  if (change.Amount === undefined && (change.Quantity !== undefined || change.Rate !== undefined)) delete merged.Amount;
  return completePurchaseLine(books, merged);
}

/** Fills what QuickBooks fills on a purchase line: description and rate from the item's purchase side, the amount. */
function completePurchaseLine(books: Books, line: Aggregate): Aggregate {
  const item = line.ItemRef ? books.store.get(refId(line.ItemRef)) : undefined;
  const pricing = (item?.fields.SalesAndPurchase ?? item?.fields.SalesOrPurchase) as Aggregate | undefined;
  const completed: Aggregate = { ReceivedQuantity: "0", IsManuallyClosed: "false", ...line };
  completed.Desc ??= (pricing?.PurchaseDesc ?? pricing?.Desc) as string | undefined;
  if (completed.Rate === undefined && completed.Amount === undefined) {
    completed.Rate = (pricing?.PurchaseCost ?? pricing?.Price) as string | undefined;
  }
  const quantity = completed.Quantity as string | undefined;
  const rate = completed.Rate as string | undefined;
  if (completed.Amount === undefined) {
    const cents = rate === undefined ? 0 : quantity === undefined ? toCents(rate) : multiplyToCents(quantity, rate);
    completed.Amount = formatCents(cents);
  } else if (rate === undefined && quantity !== undefined) {
    completed.Rate = divideToPrice(toCents(completed.Amount as string), quantity);
  }
  return withoutUndefined(completed);
}

/** The order's total, and whether every line with a quantity has been received in full. */
function purchaseOrderTotals(order: SimRecord): { total: number; fullyReceived: boolean } {
  const lines = (order.fields[PO_LINES] ?? []) as Aggregate[];
  const total = lines.reduce((sum, line) => sum + toCents(line.Amount as string | undefined), 0);
  const fullyReceived = lines.length > 0 && lines.every((line) => Number(line.ReceivedQuantity ?? 0) >= Number(line.Quantity ?? 0));
  return { total, fullyReceived };
}

function addPayment(books: Books, input: Aggregate): SimRecord {
  const fields = prepareInput(books, input, RECEIVE_PAYMENT, "ReceivePayment");
  const customer = books.store.get(refId(fields.CustomerRef))!;
  const requested =
    fields.IsAutoApply === "true" ? autoApplied(books, customer, toCents(fields.TotalAmount as string)) : appliedFrom(fields);
  const applications = checkedApplications(books, customer, requested, undefined);
  const total = fields.TotalAmount === undefined ? sumPayments(applications) : toCents(fields.TotalAmount as string);
  checkTotal(total, applications);
  books.checkNotInUse(undefined, "ReceivePayment", "");
  const now = books.nowMs();
  const record = newTxn(books, "ReceivePayment", now);
  const { IsAutoApply: _autoApply, ...stored } = withoutUndefined(fields);
  record.fields = withoutUndefined({
    ARAccountRef: accountNamed(books, "Accounts Receivable"),
    TxnDate: formatDate(now, books.info.utcOffsetMinutes),
    DepositToAccountRef: accountNamed(books, "Undeposited Funds"),
    ...stored,
    TotalAmount: formatCents(total),
    [APPLIED]: applications.map((application) => withoutUndefined({ ...application })),
  });
  books.store.insert(record);
  indexTransaction(books, record);
  touchInvoices(books, applications);
  return record;
}

function modPayment(books: Books, input: Aggregate): SimRecord {
  const record = books.recordToModify("ReceivePayment", input);
  const changes = prepareInput(books, input, RECEIVE_PAYMENT, "ReceivePayment");
  const customerId = refId(changes.CustomerRef ?? record.fields.CustomerRef);
  const before = applicationsOf(record);
  const applications =
    changes[APPLIED] === undefined ? before : checkedApplications(books, books.store.get(customerId)!, appliedFrom(changes), record);
  const total = changes.TotalAmount === undefined ? toCents(record.fields.TotalAmount as string) : toCents(changes.TotalAmount as string);
  checkTotal(total, applications);
  books.checkNotInUse(record, "ReceivePayment", record.id);
  unindexTransaction(books, record);
  mergeFields(record.fields, { ...changes, [APPLIED]: undefined }, RECEIVE_PAYMENT);
  record.fields[APPLIED] = applications.map((application) => withoutUndefined({ ...application }));
  indexTransaction(books, record);
  books.touch(record);
  touchInvoices(books, [...before, ...applications]);
  return record;
}

const EXPENSE_LINES = "ExpenseLineRet";
const ITEM_LINES = "ItemLineRet";

function addBill(books: Books, input: Aggregate): SimRecord {
  const fields = prepareInput(books, input, BILL, "Bill");
  const vendor = books.store.get(refId(fields.VendorRef))!;
  const received = orderLinesReceived(books, vendor.id, (fields[ITEM_LINES] ?? []) as Aggregate[]);
  books.checkNotInUse(undefined, "Bill", "");
  const now = books.nowMs();
  const txnDate = (fields.TxnDate as string | undefined) ?? formatDate(now, books.info.utcOffsetMinutes);
  const terms = (fields.TermsRef ?? vendor.fields.TermsRef) as Aggregate | undefined;
  const record = newTxn(books, "Bill", now);
  record.fields = withoutUndefined({
    VendorAddress: vendor.fields.VendorAddress,
    APAccountRef: accountNamed(books, "Accounts Payable"),
    TermsRef: terms,
    DueDate: dueDate(books, txnDate, terms),
    ...withoutUndefined(fields),
    TxnDate: txnDate,
    [EXPENSE_LINES]: ((fields[EXPENSE_LINES] ?? []) as Aggregate[]).map((line) => ({ ...line, TxnLineID: books.store.nextTxnId(now) })),
    [ITEM_LINES]: ((fields[ITEM_LINES] ?? []) as Aggregate[]).map((line) =>
      completeBillItemLine(books, { ...line, TxnLineID: books.store.nextTxnId(now) }),
    ),
  });
  books.store.insert(record);
  receiveOrderLines(books, received);
  return record;
}

/** A bill item line received against a purchase order line (LinkToTxn), and that line. */
interface OrderLineReceipt {
  readonly order: SimRecord;
  readonly line: Aggregate;
  readonly quantity: number;
}

/**
 * Each LinkToTxn must name a purchase order of the bill's vendor and one of its lines: 3140 otherwise, as QuickBooks
 * answers a reference to a transaction it does not have.
 */
function orderLinesReceived(books: Books, vendorId: string, lines: readonly Aggregate[]): OrderLineReceipt[] {
  return lines.flatMap((line) => {
    const link = line.LinkToTxn as Aggregate | undefined;
    if (!link) return [];
    const txnId = link.TxnID as string;
    const order = findTxn(books, "PurchaseOrder", txnId);
    if (!order || refId(order.fields.VendorRef) !== vendorId) {
      throw new StatusError(3140, statusMessages.invalidReference(LIST_WORDS.PurchaseOrder, txnId, "Bill"));
    }
    const txnLineId = link.TxnLineID as string;
    const orderLine = ((order.fields[PO_LINES] ?? []) as Aggregate[]).find((candidate) => candidate.TxnLineID === txnLineId);
    if (!orderLine) throw new StatusError(3140, statusMessages.invalidReference(LIST_WORDS.PurchaseOrder, txnLineId, "Bill"));
    return [{ order, line: orderLine, quantity: Number(line.Quantity ?? 1) }];
  });
}

/** Billing a line against an order receives it there: the order line's received quantity grows by the bill's. */
function receiveOrderLines(books: Books, receipts: readonly OrderLineReceipt[]): void {
  for (const { line, quantity } of receipts) line.ReceivedQuantity = String(Number(line.ReceivedQuantity ?? 0) + quantity);
  for (const order of new Set(receipts.map((receipt) => receipt.order))) books.touch(order);
}

/** The bills whose item lines were received against the order, and the quantity billed of each order line. */
function orderBilling(books: Books, order: SimRecord): { bills: SimRecord[]; billed: Map<string, number> } {
  const bills: SimRecord[] = [];
  const billed = new Map<string, number>();
  for (const bill of books.store.all("Bill")) {
    const linked = ((bill.fields[ITEM_LINES] ?? []) as Aggregate[]).filter(
      (line) => (line.LinkToTxn as Aggregate | undefined)?.TxnID === order.id,
    );
    if (linked.length > 0) bills.push(bill);
    for (const line of linked) {
      const txnLineId = (line.LinkToTxn as Aggregate).TxnLineID as string;
      billed.set(txnLineId, (billed.get(txnLineId) ?? 0) + Number(line.Quantity ?? 1));
    }
  }
  return { bills, billed };
}

/** The purchase orders a bill's item lines were received against. */
function billOrders(books: Books, bill: SimRecord): SimRecord[] {
  const ids = ((bill.fields[ITEM_LINES] ?? []) as Aggregate[]).flatMap(
    (line) => ((line.LinkToTxn as Aggregate | undefined)?.TxnID as string) ?? [],
  );
  return [...new Set(ids)].flatMap((id) => findTxn(books, "PurchaseOrder", id) ?? []);
}

/** Given lines of a kind are the bill's lines of that kind from now on ("-1" adds one); Clear*Lines removes them all. */
function modBill(books: Books, input: Aggregate): SimRecord {
  const record = books.recordToModify("Bill", input);
  const changes = prepareInput(books, input, BILL, "Bill");
  books.checkNotInUse(record, "Bill", record.id);
  const { ClearExpenseLines: clearExpenses, ClearItemLines: clearItems, ...rest } = changes;
  const expenseLines = changedBillLines(books, record, EXPENSE_LINES, rest[EXPENSE_LINES], clearExpenses, (line) => line);
  const itemLines = changedBillLines(books, record, ITEM_LINES, rest[ITEM_LINES], clearItems, (line) => completeBillItemLine(books, line));
  mergeFields(record.fields, { ...rest, [EXPENSE_LINES]: undefined, [ITEM_LINES]: undefined }, BILL);
  if (expenseLines) record.fields[EXPENSE_LINES] = expenseLines;
  if (itemLines) record.fields[ITEM_LINES] = itemLines;
  if (changes.TermsRef !== undefined && changes.DueDate === undefined) {
    record.fields.DueDate = dueDate(books, record.fields.TxnDate as string, record.fields.TermsRef as Aggregate | undefined);
  }
  books.touch(record);
  return record;
}

function changedBillLines(
  books: Books,
  bill: SimRecord,
  kind: string,
  changes: unknown,
  clear: unknown,
  complete: (line: Aggregate) => Aggregate,
): Aggregate[] | undefined {
  if (clear === "true") return [];
  if (changes === undefined) return undefined;
  return (changes as Aggregate[]).map((change) => {
    const txnLineId = change.TxnLineID as string;
    if (txnLineId === "-1") return complete({ ...change, TxnLineID: books.store.nextTxnId(books.nowMs()) });
    const current = ((bill.fields[kind] ?? []) as Aggregate[]).find((line) => line.TxnLineID === txnLineId);
    if (!current) throw new StatusError(3120, statusMessages.notFound(txnLineId));
    return complete({ ...current, ...change });
  });
}

/** An item line's amount is Quantity × Cost when it is not given; the cost comes from the amount otherwise. */
function completeBillItemLine(books: Books, line: Aggregate): Aggregate {
  const item = line.ItemRef ? books.store.get(refId(line.ItemRef)) : undefined;
  const pricing = (item?.fields.SalesAndPurchase ?? item?.fields.SalesOrPurchase) as Aggregate | undefined;
  const completed: Aggregate = { ...line };
  completed.Desc ??= (pricing?.PurchaseDesc ?? pricing?.Desc) as string | undefined;
  completed.Cost ??= (completed.Amount === undefined ? (pricing?.PurchaseCost ?? pricing?.Price) : undefined) as string | undefined;
  const quantity = completed.Quantity as string | undefined;
  const cost = completed.Cost as string | undefined;
  if (completed.Amount === undefined) {
    completed.Amount = formatCents(cost === undefined ? 0 : quantity === undefined ? toCents(cost) : multiplyToCents(quantity, cost));
  } else if (cost === undefined && quantity !== undefined) {
    completed.Cost = divideToPrice(toCents(completed.Amount as string), quantity);
  }
  return withoutUndefined(completed);
}

/** A bill's total is its lines; what the checks paying it apply is no longer open. */
function billTotals(books: Books, bill: SimRecord): { total: number; open: number } {
  const lines = [...((bill.fields[EXPENSE_LINES] ?? []) as Aggregate[]), ...((bill.fields[ITEM_LINES] ?? []) as Aggregate[])];
  const total = lines.reduce((sum, line) => sum + toCents(line.Amount as string | undefined), 0);
  let paid = 0;
  for (const check of billPaymentsOf(books, bill)) {
    for (const application of applicationsOf(check)) if (application.TxnID === bill.id) paid += toCents(application.PaymentAmount);
  }
  return { total, open: total - paid };
}

/** The checks that pay this bill; few enough in a simulated company to look through. */
function billPaymentsOf(books: Books, bill: SimRecord): SimRecord[] {
  return [...books.store.all("BillPaymentCheck")].filter((check) =>
    applicationsOf(check).some((application) => application.TxnID === bill.id),
  );
}

function addBillPayment(books: Books, input: Aggregate): SimRecord {
  const fields = prepareInput(books, input, BILL_PAYMENT_CHECK, "BillPaymentCheck");
  const applications = checkedBillApplications(books, refId(fields.PayeeEntityRef), appliedFrom(fields), undefined);
  books.checkNotInUse(undefined, "BillPaymentCheck", "");
  const now = books.nowMs();
  const record = newTxn(books, "BillPaymentCheck", now);
  record.fields = withoutUndefined({
    APAccountRef: accountNamed(books, "Accounts Payable"),
    TxnDate: formatDate(now, books.info.utcOffsetMinutes),
    ...withoutUndefined(fields),
    [APPLIED]: applications.map((application) => withoutUndefined({ ...application })),
  });
  books.store.insert(record);
  touchBills(books, applications);
  return record;
}

function modBillPayment(books: Books, input: Aggregate): SimRecord {
  const record = books.recordToModify("BillPaymentCheck", input);
  const changes = prepareInput(books, input, BILL_PAYMENT_CHECK, "BillPaymentCheck");
  const before = applicationsOf(record);
  const applications =
    changes[APPLIED] === undefined
      ? before
      : checkedBillApplications(books, refId(record.fields.PayeeEntityRef), appliedFrom(changes), record);
  books.checkNotInUse(record, "BillPaymentCheck", record.id);
  mergeFields(record.fields, { ...changes, Amount: undefined, [APPLIED]: undefined }, BILL_PAYMENT_CHECK);
  record.fields[APPLIED] = applications.map((application) => withoutUndefined({ ...application }));
  books.touch(record);
  touchBills(books, [...before, ...applications]);
  return record;
}

/** Each AppliedToTxn names a bill of the payee (3140 otherwise) and pays no more than it has open (3180). */
function checkedBillApplications(books: Books, vendorId: string, applications: Application[], check: SimRecord | undefined): Application[] {
  for (const application of applications) {
    const bill = findTxn(books, "Bill", application.TxnID);
    if (!bill || refId(bill.fields.VendorRef) !== vendorId) {
      throw new StatusError(3140, statusMessages.invalidReference(LIST_WORDS.Bill, application.TxnID, "BillPaymentCheck"));
    }
    const ownShare = check ? toCents(applicationsOf(check).find((a) => a.TxnID === bill.id)?.PaymentAmount) : 0;
    const open = billTotals(books, bill).open + ownShare;
    const amount = toCents(application.PaymentAmount);
    if (amount > open) {
      throw new StatusError(
        3180,
        `There was an error when saving a BillPaymentCheck transaction. QuickBooks error message: The amount applied to bill "${bill.fields.RefNumber ?? bill.id}" (${formatCents(amount)}) is more than its open balance (${formatCents(open)}).`,
      );
    }
  }
  return applications;
}

/** Paying a bill changes its open amount, so QuickBooks gives it a new EditSequence. */
function touchBills(books: Books, applications: readonly Application[]): void {
  for (const txnId of new Set(applications.map((application) => application.TxnID))) {
    const bill = books.store.get(txnId);
    if (bill) books.touch(bill);
  }
}

/**
 * Deletes a transaction as a person in QuickBooks would. Deleting an invoice takes its payments off it
 * (the money stays on the payments as unused); deleting a payment reopens the invoices it paid.
 */
function deleteTransaction(books: Books, record: SimRecord): void {
  if (record.kind === "Bill" || record.kind === "BillPaymentCheck") {
    if (record.kind === "BillPaymentCheck") touchBills(books, applicationsOf(record));
    books.store.remove(record, books.nowMs(), record.fields.RefNumber as string | undefined);
    return;
  }
  unindexTransaction(books, record);
  if (record.kind === "Invoice") {
    for (const payment of paymentsApplied(books, record)) {
      payment.fields[APPLIED] = applicationsOf(payment).filter((application) => application.TxnID !== record.id) as unknown as Aggregate[];
      books.touch(payment);
    }
    books.ledger.paymentsByInvoice.delete(record.id);
  } else {
    touchInvoices(books, applicationsOf(record));
  }
  books.store.remove(record, books.nowMs(), record.fields.RefNumber as string | undefined);
}

/** An invoice's lines (Subtotal), its sales tax, what payments applied and what is still open of subtotal + tax. */
function invoiceTotals(books: Books, invoice: SimRecord) {
  const lines = (invoice.fields[LINES] ?? []) as Aggregate[];
  const subtotal = lines.reduce((sum, line) => sum + toCents(line.Amount as string | undefined), 0);
  const { percentage, tax } = invoiceSalesTax(books, invoice);
  let applied = 0;
  for (const payment of paymentsApplied(books, invoice)) {
    for (const application of applicationsOf(payment)) {
      if (application.TxnID === invoice.id) applied += toCents(application.PaymentAmount) + toCents(application.DiscountAmount);
    }
  }
  return { subtotal, percentage, tax, applied, balance: subtotal + tax - applied };
}

function applicationsOf(payment: SimRecord): Application[] {
  return (payment.fields[APPLIED] ?? []) as unknown as Application[];
}

function paymentsApplied(books: Books, invoice: SimRecord): SimRecord[] {
  const ids = books.ledger.paymentsByInvoice.get(invoice.id) ?? new Set<string>();
  return [...ids].flatMap((id) => books.store.get(id) ?? []);
}

/** Open invoices less unused payments, for the customer alone (Balance) or with its jobs (TotalBalance). */
function customerBalance(books: Books, customer: SimRecord, withJobs: boolean): number {
  let balance = toCents(customer.fields[BALANCE_ADJUSTMENT] as string | undefined);
  for (const id of books.ledger.txnsByCustomer.get(customer.id) ?? []) {
    const txn = books.store.get(id);
    if (txn?.kind === "Invoice") balance += invoiceTotals(books, txn).balance;
    if (txn?.kind === "ReceivePayment") balance -= toCents(txn.fields.TotalAmount as string) - sumPayments(applicationsOf(txn));
  }
  if (withJobs) for (const job of books.childrenOf(customer)) balance += customerBalance(books, job, true);
  return balance;
}

/** Balance (the record alone) and, for customers, TotalBalance (with jobs); a vendor's is its open bills. */
function listBalance(books: Books, record: SimRecord): { balance: number; totalBalance?: number } {
  if (record.kind === "Customer")
    return { balance: customerBalance(books, record, false), totalBalance: customerBalance(books, record, true) };
  let balance = toCents(record.fields[BALANCE_ADJUSTMENT] as string | undefined);
  for (const bill of books.store.all("Bill")) if (refId(bill.fields.VendorRef) === record.id) balance += billTotals(books, bill).open;
  return { balance };
}

function indexTransaction(books: Books, record: SimRecord): void {
  const { txnsByCustomer, paymentsByInvoice } = books.ledger;
  addTo(txnsByCustomer, refId(record.fields.CustomerRef), record.id);
  if (record.kind === "ReceivePayment")
    for (const application of applicationsOf(record)) addTo(paymentsByInvoice, application.TxnID, record.id);
}

function unindexTransaction(books: Books, record: SimRecord): void {
  books.ledger.txnsByCustomer.get(refId(record.fields.CustomerRef))?.delete(record.id);
  if (record.kind === "ReceivePayment") {
    for (const application of applicationsOf(record)) books.ledger.paymentsByInvoice.get(application.TxnID)?.delete(record.id);
  }
}

/** The accounts QuickBooks uses when a transaction names none. */
function accountNamed(books: Books, name: string): Aggregate | undefined {
  const account = books.store.byName(["Account"], name);
  return account ? { ListID: account.id, FullName: name } : undefined;
}

function newTxn(books: Books, kind: TxnKind, now: number): SimRecord {
  return {
    kind,
    id: books.store.nextTxnId(now),
    created: now,
    modified: now,
    editSequence: Math.floor(now / 1000),
    txnNumber: books.store.nextTxnNumber(),
    fields: {},
  };
}

function appliedFrom(fields: Aggregate): Application[] {
  return ((fields[APPLIED] ?? []) as Aggregate[]).map((applied) => applied as unknown as Application);
}

/** IsAutoApply: the payment goes to the customer's open invoices, oldest first. */
function autoApplied(books: Books, customer: SimRecord, total: number): Application[] {
  const open = [...(books.ledger.txnsByCustomer.get(customer.id) ?? [])]
    .flatMap((id) => books.store.get(id) ?? [])
    .filter((txn) => txn.kind === "Invoice" && invoiceTotals(books, txn).balance > 0)
    .sort((a, b) => String(a.fields.TxnDate).localeCompare(String(b.fields.TxnDate)) || (a.txnNumber ?? 0) - (b.txnNumber ?? 0));
  const applications: Application[] = [];
  let left = total;
  for (const invoice of open) {
    if (left <= 0) break;
    const amount = Math.min(left, invoiceTotals(books, invoice).balance);
    applications.push({ TxnID: invoice.id, PaymentAmount: formatCents(amount) });
    left -= amount;
  }
  return applications;
}

/**
 * Each AppliedToTxn must name an invoice of the payment's customer (or one of its jobs): 3140 otherwise.
 * Paying more than an invoice's open balance fails the save (3180) as QuickBooks refuses it.
 */
function checkedApplications(
  books: Books,
  customer: SimRecord,
  applications: Application[],
  payment: SimRecord | undefined,
): Application[] {
  const customers = new Set([customer.id, ...books.descendantsOf(customer).map((job) => job.id)]);
  const wanted = new Map<string, number>();
  for (const application of applications) {
    const invoice = findTxn(books, "Invoice", application.TxnID);
    if (!invoice || !customers.has(refId(invoice.fields.CustomerRef))) {
      throw new StatusError(3140, statusMessages.invalidReference(LIST_WORDS.Invoice, application.TxnID, "ReceivePayment"));
    }
    const amount = toCents(application.PaymentAmount) + toCents(application.DiscountAmount);
    wanted.set(invoice.id, (wanted.get(invoice.id) ?? 0) + amount);
  }
  for (const [invoiceId, amount] of wanted) {
    const invoice = books.store.get(invoiceId)!;
    const ownShare = payment
      ? applicationsOf(payment)
          .filter((a) => a.TxnID === invoiceId)
          .reduce((sum, a) => sum + toCents(a.PaymentAmount) + toCents(a.DiscountAmount), 0)
      : 0;
    const open = invoiceTotals(books, invoice).balance + ownShare;
    if (amount > open) {
      throw new StatusError(
        3180,
        `There was an error when saving a ReceivePayment transaction. QuickBooks error message: The amount applied to invoice "${invoice.fields.RefNumber ?? invoice.id}" (${formatCents(amount)}) is more than its open balance (${formatCents(open)}).`,
      );
    }
  }
  return applications;
}

function checkTotal(total: number, applications: Application[]): void {
  const applied = sumPayments(applications);
  if (applied > total) {
    throw new StatusError(
      3180,
      `There was an error when saving a ReceivePayment transaction. QuickBooks error message: The amounts applied (${formatCents(applied)}) are more than the payment (${formatCents(total)}).`,
    );
  }
}

function sumPayments(applications: readonly Application[]): number {
  return applications.reduce((sum, application) => sum + toCents(application.PaymentAmount), 0);
}

/** Applying or removing a payment changes the invoice's balance, so QuickBooks gives it a new EditSequence. */
function touchInvoices(books: Books, applications: readonly Application[]): void {
  for (const txnId of new Set(applications.map((application) => application.TxnID))) {
    const invoice = books.store.get(txnId);
    if (invoice) books.touch(invoice);
  }
}

function dueDate(books: Books, txnDate: string, terms: Aggregate | undefined): string {
  const days = terms ? books.store.get(refId(terms))?.fields.StdDueDays : undefined;
  return typeof days === "string" ? addDays(txnDate, Number(days)) : txnDate;
}

function noteInvoiceNumber(books: Books, invoice: SimRecord): void {
  const number = Number(invoice.fields.RefNumber);
  if (Number.isSafeInteger(number) && number > books.ledger.lastInvoiceNumber) books.ledger.lastInvoiceNumber = number;
}

function refId(ref: unknown): string {
  return ((ref as Aggregate | undefined)?.ListID as string | undefined) ?? "";
}

function addTo(index: Map<string, Set<string>>, key: string, id: string): void {
  let ids = index.get(key);
  if (!ids) index.set(key, (ids = new Set()));
  ids.add(id);
}

function withoutUndefined(values: Aggregate): Aggregate {
  const result: Aggregate = {};
  for (const [name, value] of Object.entries(values)) if (value !== undefined) result[name] = value;
  return result;
}
