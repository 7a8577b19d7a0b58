import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";

// Money is integer cents everywhere; dates a person picks are "YYYY-MM-DD" text; instants are epoch milliseconds.

const stamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" })
    .notNull()
    .default(sql`(unixepoch('subsec') * 1000)`),
  updatedBy: integer("updated_by"),
};

export const users = sqliteTable("users", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  email: text("email").notNull().unique(),
  name: text("name").notNull(),
  passwordHash: text("password_hash").notNull(),
  role: text("role", { enum: ["admin", "staff"] }).notNull(),
  active: integer("active", { mode: "boolean" }).notNull().default(true),
  ...stamps,
});

/** Failed sign-ins per email, so repeated guesses are locked out for a while on every instance. */
export const loginThrottle = sqliteTable("login_throttle", {
  emailKey: text("email_key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
  lockedUntil: integer("locked_until", { mode: "timestamp_ms" }),
});

/** Application-wide settings and generated secrets, one JSON value per key. */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  updatedBy: integer("updated_by"),
});

/**
 * Customers and vendors share one table because QuickBooks keeps them in one name pool:
 * the unique name_key makes a clash between a customer and a vendor impossible.
 */
export const contacts = sqliteTable(
  "contacts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["customer", "vendor"] }).notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    companyName: text("company_name"),
    firstName: text("first_name"),
    lastName: text("last_name"),
    email: text("email"),
    phone: text("phone"),
    billAddr1: text("bill_addr1"),
    billAddr2: text("bill_addr2"),
    billCity: text("bill_city"),
    billState: text("bill_state"),
    billPostalCode: text("bill_postal_code"),
    billCountry: text("bill_country"),
    notes: text("notes"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** QuickBooks custom fields (DataExt) mapped in the sync settings, local name → value, as last imported. */
    customFields: text("custom_fields", { mode: "json" }).$type<Record<string, string>>(),
    /** The contact of the same kind QuickBooks knows this one as ("Web Customer"): it is never created there itself. */
    proxyId: integer("proxy_id").references((): AnySQLiteColumn => contacts.id),
    /** A customer's sales tax code (taxable or not) and default sales tax item or group, which its new invoices take. */
    salesTaxCodeId: integer("sales_tax_code_id").references((): AnySQLiteColumn => salesTaxCodes.id),
    salesTaxItemId: integer("sales_tax_item_id").references((): AnySQLiteColumn => salesTaxItems.id),
    ...stamps,
  },
  (table) => [
    uniqueIndex("contacts_name_key").on(table.nameKey),
    index("contacts_kind_name").on(table.kind, table.name),
    index("contacts_kind_updated").on(table.kind, table.updatedAt),
    index("contacts_proxy").on(table.proxyId),
  ],
);

export const items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["service", "non_inventory"] }).notNull(),
    /** The item's own name ("Mulching"); QuickBooks' Name. */
    name: text("name").notNull(),
    /** Parent names and the name joined by ":" ("Landscaping:Mulching"), as QuickBooks' FullName; kept when a parent changes. */
    fullName: text("full_name").notNull().default(""),
    /** The key of the full name: QuickBooks keeps item full names unique, so a name is unique under its parent. */
    nameKey: text("name_key").notNull(),
    /** The item this one is a sub-item of (its category in QuickBooks' ParentRef); null at the top level. */
    parentId: integer("parent_id").references((): AnySQLiteColumn => items.id),
    description: text("description"),
    salesPriceCents: integer("sales_price_cents"),
    incomeAccount: text("income_account").notNull(),
    taxable: integer("taxable", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    /** QuickBooks custom fields (DataExt) mapped in the sync settings, local name → value, as last imported. */
    customFields: text("custom_fields", { mode: "json" }).$type<Record<string, string>>(),
    /** The item QuickBooks knows this one as: invoice lines are sent with it, and this item is never created there. */
    proxyId: integer("proxy_id").references((): AnySQLiteColumn => items.id),
    ...stamps,
  },
  (table) => [
    uniqueIndex("items_name_key").on(table.nameKey),
    index("items_proxy").on(table.proxyId),
    index("items_parent").on(table.parentId),
  ],
);

export const paymentMethods = sqliteTable(
  "payment_methods",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...stamps,
  },
  (table) => [uniqueIndex("payment_methods_name_key").on(table.nameKey)],
);

export const terms = sqliteTable(
  "terms",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    netDays: integer("net_days").notNull(),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...stamps,
  },
  (table) => [uniqueIndex("terms_name_key").on(table.nameKey)],
);

export const salesTaxCodes = sqliteTable(
  "sales_tax_codes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    description: text("description"),
    taxable: integer("taxable", { mode: "boolean" }).notNull().default(true),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...stamps,
  },
  (table) => [uniqueIndex("sales_tax_codes_name_key").on(table.nameKey)],
);

/**
 * Sales tax items (a rate paid to a tax agency, a vendor) and sales tax groups (several items charged together, the
 * sum of their rates). QuickBooks keeps both in its item list; a group's items are in sales_tax_group_items.
 */
export const salesTaxItems = sqliteTable(
  "sales_tax_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["item", "group"] }).notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    description: text("description"),
    /** Percent, e.g. 8.25; null for a group. */
    ratePercent: real("rate_percent"),
    agencyId: integer("agency_id").references(() => contacts.id),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...stamps,
  },
  (table) => [uniqueIndex("sales_tax_items_name_key").on(table.nameKey)],
);

export const salesTaxGroupItems = sqliteTable(
  "sales_tax_group_items",
  {
    groupId: integer("group_id")
      .notNull()
      .references(() => salesTaxItems.id, { onDelete: "cascade" }),
    itemId: integer("item_id")
      .notNull()
      .references(() => salesTaxItems.id),
    position: integer("position").notNull(),
  },
  (table) => [uniqueIndex("sales_tax_group_items_pair").on(table.groupId, table.itemId)],
);

export const invoices = sqliteTable(
  "invoices",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    number: text("number").notNull(),
    customerId: integer("customer_id")
      .notNull()
      .references(() => contacts.id),
    txnDate: text("txn_date").notNull(),
    dueDate: text("due_date"),
    termsId: integer("terms_id").references(() => terms.id),
    memo: text("memo"),
    status: text("status", { enum: ["draft", "final"] })
      .notNull()
      .default("draft"),
    /** The total including sales tax: payments and balances use it. */
    totalCents: integer("total_cents").notNull().default(0),
    subtotalCents: integer("subtotal_cents").notNull().default(0),
    taxCents: integer("tax_cents").notNull().default(0),
    /** The customer's tax code for this invoice and the tax item or group it charges (none: no tax). */
    customerSalesTaxCodeId: integer("customer_sales_tax_code_id").references(() => salesTaxCodes.id),
    salesTaxItemId: integer("sales_tax_item_id").references(() => salesTaxItems.id),
    /** QuickBooks' tax and total when they differ from ours (after a send or an import); null when they agree. */
    quickBooksTaxCents: integer("quickbooks_tax_cents"),
    quickBooksTotalCents: integer("quickbooks_total_cents"),
    quickBooksTaxPercent: real("quickbooks_tax_percent"),
    /** "Not for QuickBooks" (NC Only): never an export candidate. */
    ncOnly: integer("nc_only", { mode: "boolean" }).notNull().default(false),
    /** When a person last chose "Send to QuickBooks"; with Send All off only these are exported. */
    sendRequestedAt: integer("send_requested_at", { mode: "timestamp_ms" }),
    ...stamps,
  },
  (table) => [
    uniqueIndex("invoices_number").on(table.number),
    index("invoices_customer").on(table.customerId),
    index("invoices_txn_date").on(table.txnDate),
  ],
);

export const invoiceLines = sqliteTable(
  "invoice_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    description: text("description"),
    quantity: real("quantity").notNull(),
    rateCents: integer("rate_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** The line's tax code; null takes the item's (taxable or not). */
    salesTaxCodeId: integer("sales_tax_code_id").references(() => salesTaxCodes.id),
  },
  (table) => [index("invoice_lines_invoice").on(table.invoiceId, table.position)],
);

export const payments = sqliteTable(
  "payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    customerId: integer("customer_id")
      .notNull()
      .references(() => contacts.id),
    txnDate: text("txn_date").notNull(),
    amountCents: integer("amount_cents").notNull(),
    paymentMethodId: integer("payment_method_id").references(() => paymentMethods.id),
    refNumber: text("ref_number"),
    memo: text("memo"),
    /** "Not for QuickBooks" (NC Only): never an export candidate. */
    ncOnly: integer("nc_only", { mode: "boolean" }).notNull().default(false),
    /** When a person last chose "Send to QuickBooks"; with Send All off only these are exported. */
    sendRequestedAt: integer("send_requested_at", { mode: "timestamp_ms" }),
    ...stamps,
  },
  (table) => [
    index("payments_customer").on(table.customerId),
    index("payments_txn_date").on(table.txnDate),
    // Matching looks payments up by reference number (server/sync/matching.ts).
    index("payments_ref_number").on(table.refNumber),
  ],
);

export const paymentApplications = sqliteTable(
  "payment_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    paymentId: integer("payment_id")
      .notNull()
      .references(() => payments.id, { onDelete: "cascade" }),
    invoiceId: integer("invoice_id")
      .notNull()
      .references(() => invoices.id),
    amountCents: integer("amount_cents").notNull(),
  },
  (table) => [
    uniqueIndex("payment_applications_pair").on(table.paymentId, table.invoiceId),
    index("payment_applications_invoice").on(table.invoiceId),
  ],
);

/**
 * Materials ordered from a vendor. QuickBooks decides when one is received (IsFullyReceived, by receiving the items
 * there); closing it by hand (IsManuallyClosed) can be done on either side.
 */
export const purchaseOrders = sqliteTable(
  "purchase_orders",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The PO number, QuickBooks' RefNumber. */
    number: text("number").notNull(),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => contacts.id),
    /** The customer (job) the materials are for and go to: QuickBooks' Ship To (ShipToEntityRef); optional. */
    shipToCustomerId: integer("ship_to_customer_id").references(() => contacts.id),
    txnDate: text("txn_date").notNull(),
    expectedDate: text("expected_date"),
    memo: text("memo"),
    totalCents: integer("total_cents").notNull().default(0),
    /** Every line received in QuickBooks, as last read from it; never set here. */
    fullyReceived: integer("fully_received", { mode: "boolean" }).notNull().default(false),
    manuallyClosed: integer("manually_closed", { mode: "boolean" }).notNull().default(false),
    /** When a person last chose "Send to QuickBooks"; with Send All off only these are exported. */
    sendRequestedAt: integer("send_requested_at", { mode: "timestamp_ms" }),
    ...stamps,
  },
  (table) => [
    uniqueIndex("purchase_orders_number").on(table.number),
    index("purchase_orders_vendor").on(table.vendorId),
    index("purchase_orders_txn_date").on(table.txnDate),
  ],
);

export const purchaseOrderLines = sqliteTable(
  "purchase_order_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    purchaseOrderId: integer("purchase_order_id")
      .notNull()
      .references(() => purchaseOrders.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    itemId: integer("item_id")
      .notNull()
      .references(() => items.id),
    description: text("description"),
    quantity: real("quantity").notNull(),
    rateCents: integer("rate_cents").notNull(),
    amountCents: integer("amount_cents").notNull(),
    /** How much of the line QuickBooks has received, as last read from it. */
    receivedQuantity: real("received_quantity").notNull().default(0),
    /** QuickBooks' TxnLineID of the line, which a bill's line names to be received against it; null until QuickBooks has it. */
    qbLineId: text("qb_line_id"),
  },
  (table) => [index("purchase_order_lines_order").on(table.purchaseOrderId, table.position)],
);

/** QuickBooks' chart of accounts, read from QuickBooks only: never created, changed or sent from here. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    /** "Parent:Child" as QuickBooks names it in references. */
    fullName: text("full_name").notNull(),
    nameKey: text("name_key").notNull(),
    accountType: text("account_type").notNull(),
    accountNumber: text("account_number"),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...stamps,
  },
  (table) => [uniqueIndex("accounts_name_key").on(table.nameKey)],
);

export const bills = sqliteTable(
  "bills",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => contacts.id),
    txnDate: text("txn_date").notNull(),
    dueDate: text("due_date"),
    termsId: integer("terms_id").references(() => terms.id),
    /** The vendor's invoice number. */
    refNumber: text("ref_number"),
    memo: text("memo"),
    totalCents: integer("total_cents").notNull().default(0),
    /** What QuickBooks says is still owed (OpenAmount, IsPaid) as last read; null until it has the bill. */
    openAmountCents: integer("open_amount_cents"),
    isPaid: integer("is_paid", { mode: "boolean" }),
    /** The purchase order the bill was entered from (QuickBooks links the two). */
    purchaseOrderId: integer("purchase_order_id").references(() => purchaseOrders.id, { onDelete: "set null" }),
    /** When a person last chose "Send to QuickBooks"; with Send All off only these are exported. */
    sendRequestedAt: integer("send_requested_at", { mode: "timestamp_ms" }),
    ...stamps,
  },
  (table) => [
    index("bills_vendor").on(table.vendorId),
    index("bills_purchase_order").on(table.purchaseOrderId),
    index("bills_txn_date").on(table.txnDate),
    // Matching looks bills up by reference number (server/sync/entities/bills.ts).
    index("bills_ref_number").on(table.refNumber),
  ],
);

/** A bill's expense lines (an account and an amount) and item lines (an item, quantity and cost), in one order. */
export const billLines = sqliteTable(
  "bill_lines",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    billId: integer("bill_id")
      .notNull()
      .references(() => bills.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["expense", "item"] }).notNull(),
    position: integer("position").notNull(),
    accountId: integer("account_id").references(() => accounts.id),
    itemId: integer("item_id").references(() => items.id),
    /** The expense line's memo or the item line's description. */
    memo: text("memo"),
    quantity: real("quantity"),
    costCents: integer("cost_cents"),
    amountCents: integer("amount_cents").notNull(),
    /** The purchase order line an item line bills (received against it in QuickBooks). */
    purchaseOrderLineId: integer("purchase_order_line_id").references(() => purchaseOrderLines.id, { onDelete: "set null" }),
  },
  (table) => [
    index("bill_lines_bill").on(table.billId, table.position),
    index("bill_lines_purchase_order_line").on(table.purchaseOrderLineId),
  ],
);

/** A check paying vendors' bills (QuickBooks' BillPaymentCheck): its amount is what it applies to the bills. */
export const billPayments = sqliteTable(
  "bill_payments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    vendorId: integer("vendor_id")
      .notNull()
      .references(() => contacts.id),
    txnDate: text("txn_date").notNull(),
    /** The bank account the check is drawn on. */
    bankAccountId: integer("bank_account_id")
      .notNull()
      .references(() => accounts.id),
    /** The check number. */
    refNumber: text("ref_number"),
    memo: text("memo"),
    amountCents: integer("amount_cents").notNull(),
    /** When a person last chose "Send to QuickBooks"; with Send All off only these are exported. */
    sendRequestedAt: integer("send_requested_at", { mode: "timestamp_ms" }),
    ...stamps,
  },
  (table) => [
    index("bill_payments_vendor").on(table.vendorId),
    index("bill_payments_txn_date").on(table.txnDate),
    index("bill_payments_ref_number").on(table.refNumber),
  ],
);

export const billPaymentApplications = sqliteTable(
  "bill_payment_applications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    billPaymentId: integer("bill_payment_id")
      .notNull()
      .references(() => billPayments.id, { onDelete: "cascade" }),
    billId: integer("bill_id")
      .notNull()
      .references(() => bills.id),
    amountCents: integer("amount_cents").notNull(),
  },
  (table) => [
    uniqueIndex("bill_payment_applications_pair").on(table.billPaymentId, table.billId),
    index("bill_payment_applications_bill").on(table.billId),
  ],
);

/** How a Web Connector session ended; "active" while QBWC is still calling. Moves only in server/qbwc/sessions.ts. */
export const QBWC_SESSION_STATUSES = [
  "active",
  "completed",
  "nothing_to_do",
  "failed",
  "abandoned",
  "connection_error",
  "not_valid_user",
  "busy",
] as const;

/**
 * One row per Web Connector session: the ticket store (every call may reach another instance) and the run log.
 * Only a SHA-256 of the ticket is kept, so the table never holds a usable credential.
 */
export const qbwcSessions = sqliteTable(
  "qbwc_sessions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ticketHash: text("ticket_hash"),
    username: text("username").notNull(),
    /** Which Web Connector credentials opened it (a digest): changed since, the session is ended at its next call. */
    credentialsId: text("credentials_id"),
    status: text("status", { enum: QBWC_SESSION_STATUSES }).notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    lastCallAt: integer("last_call_at", { mode: "timestamp_ms" }).notNull(),
    endedAt: integer("ended_at", { mode: "timestamp_ms" }),
    companyFile: text("company_file"),
    companyName: text("company_name"),
    productName: text("product_name"),
    productVersion: text("product_version"),
    country: text("country"),
    qbxmlMajor: integer("qbxml_major"),
    qbxmlMinor: integer("qbxml_minor"),
    /** HostRet/CompanyRet/PreferencesRet as recorded (JSON of Handshake in server/qbwc/handshake.ts). */
    handshake: text("handshake"),
    /** Which request QuickBooks is answering: our Host/Company/Preferences query or the engine's. */
    awaiting: text("awaiting", { enum: ["handshake", "engine"] }),
    /** The engine's next qbXML request, fetched when the previous response was handled. */
    nextRequest: text("next_request"),
    requestsSent: integer("requests_sent").notNull().default(0),
    responsesReceived: integer("responses_received").notNull().default(0),
    percentDone: integer("percent_done").notNull().default(0),
    lastError: text("last_error"),
  },
  (table) => [
    uniqueIndex("qbwc_sessions_ticket").on(table.ticketHash),
    // At most one session talks to QuickBooks at a time, on every instance: a second insert fails.
    uniqueIndex("qbwc_sessions_one_active")
      .on(table.status)
      .where(sql`status = 'active'`),
  ],
);

/** Failed Web Connector sign-ins per user name, so repeated guesses are slowed on every instance. */
export const qbwcAuthFailures = sqliteTable("qbwc_auth_failures", {
  usernameKey: text("username_key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
});

/** The record types the sync engine moves between Ledgerbridge and QuickBooks (server/sync/entities). */
export const SYNC_ENTITY_TYPES = [
  "paymentMethod",
  "terms",
  "salesTaxCode",
  "salesTaxItem",
  "salesTaxGroup",
  "item",
  "customer",
  "vendor",
  "invoice",
  "payment",
  "purchaseOrder",
  "account",
  "bill",
  "billPayment",
] as const;
/** Where a sync item is in its life; moves only through server/sync/state.ts. */
export const SYNC_STATES = [
  "candidate",
  "dismissed",
  "pending",
  "waiting",
  "in_flight",
  "in_doubt",
  "retry",
  "succeeded",
  "failed",
] as const;

export const SYNC_ACTIONS = ["add", "modify", "delete", "conflict", "match"] as const;

/**
 * What the runs have read of QuickBooks, one row per record: where a name or number is already taken there, so that
 * matching and the guard before every Add need no round trip. Kept up to date by each read and deletion.
 */
export const quickbooksRecords = sqliteTable(
  "quickbooks_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityType: text("entity_type", { enum: SYNC_ENTITY_TYPES }).notNull(),
    qbId: text("qb_id").notNull(),
    /** The same key on a local record means the same record (server/sync/matching.ts). */
    matchKey: text("match_key").notNull(),
    /** What QuickBooks (or the office) cannot hold twice: a list's name, an invoice's number; null when nothing. */
    takenKey: text("taken_key"),
    label: text("label").notNull(),
    editSequence: text("edit_sequence"),
    /** JSON of the synced fields as last read. */
    fields: text("fields").notNull(),
    /**
     * A local record a person said is not this one though they match ("keep them apart"): never paired again; 0 when
     * it was kept apart from every local record a match offered.
     */
    keptApartFrom: integer("kept_apart_from"),
    seenAt: integer("seen_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [
    uniqueIndex("quickbooks_records_id").on(table.entityType, table.qbId),
    index("quickbooks_records_match").on(table.entityType, table.matchKey),
    index("quickbooks_records_taken").on(table.entityType, table.takenKey),
  ],
);

/**
 * Customers' and vendors' open balances as QuickBooks reports them (CustomerRet/VendorRet Balance, and a customer's
 * TotalBalance with its jobs). Only non-zero balances are kept: every run reads those, and a record no longer among
 * them is zero again (server/sync/balances.ts).
 */
export const quickbooksBalances = sqliteTable(
  "quickbooks_balances",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityType: text("entity_type", { enum: ["customer", "vendor"] }).notNull(),
    qbId: text("qb_id").notNull(),
    balanceCents: integer("balance_cents").notNull(),
    /** Customers only: the balance with the customer's jobs. */
    totalBalanceCents: integer("total_balance_cents"),
    /** A job's customer (its ParentRef), to work out a customer whose jobs' balances cancel its own. */
    parentQbId: text("parent_qb_id"),
    /** The Web Connector session (qbwc_sessions.id) that last read it. */
    sessionId: integer("session_id").notNull(),
    readAt: integer("read_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [
    uniqueIndex("quickbooks_balances_id").on(table.entityType, table.qbId),
    index("quickbooks_balances_session").on(table.sessionId),
  ],
);

/** A local record and the QuickBooks record it is synced with, as both stood at the last sync. */
export const syncLinks = sqliteTable(
  "sync_links",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    entityType: text("entity_type", { enum: SYNC_ENTITY_TYPES }).notNull(),
    localId: integer("local_id").notNull(),
    /** ListID or TxnID. */
    qbId: text("qb_id").notNull(),
    editSequence: text("edit_sequence"),
    /** Hash of the synced fields on each side when they last agreed. */
    localFingerprint: text("local_fingerprint").notNull(),
    remoteFingerprint: text("remote_fingerprint").notNull(),
    /** JSON of the synced fields as QuickBooks held them at the last sync: the "before" of an export's diff. */
    fields: text("fields").notNull().default("{}"),
    syncedAt: integer("synced_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [
    uniqueIndex("sync_links_local").on(table.entityType, table.localId),
    uniqueIndex("sync_links_qb").on(table.entityType, table.qbId),
  ],
);

/**
 * One proposed or approved change of one record in one direction, from candidate to its result. A record that
 * changes again reuses its row: the unique key makes a second candidate for the same record impossible.
 */
export const syncItems = sqliteTable(
  "sync_items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    direction: text("direction", { enum: ["import", "export"] }).notNull(),
    entityType: text("entity_type", { enum: SYNC_ENTITY_TYPES }).notNull(),
    /** "local:<id>" for exports, "qb:<ListID|TxnID>" for imports. */
    recordKey: text("record_key").notNull(),
    /**
     * "conflict": changed on both sides since the last sync; "match": the same record found on both sides, never linked
     * (server/sync/matching.ts). Both are import rows whose diff is [{field, base, ledgerbridge, quickbooks}].
     */
    action: text("action", { enum: SYNC_ACTIONS }).notNull(),
    state: text("state", { enum: SYNC_STATES }).notNull(),
    localId: integer("local_id"),
    qbId: text("qb_id"),
    /** What a person calls the record: a name, "Invoice 1001". */
    label: text("label").notNull(),
    /** JSON [{field, before, after}]. */
    diff: text("diff").notNull().default("[]"),
    /** Fingerprint of the side that changed when the candidate was raised or last updated. */
    fingerprint: text("fingerprint").notNull(),
    remoteEditSequence: text("remote_edit_sequence"),
    /** Set by Clear Unchecked: the record shows again only when its fingerprint differs. */
    dismissedFingerprint: text("dismissed_fingerprint"),
    /** A failure a person dismissed from Unsynced Entities, and why; restoring it makes it a failure again. */
    dismissedReason: text("dismissed_reason"),
    /** Ask QuickBooks (by ID, name or RefNumber) before sending: after a lost answer, a Clear ID or a 3200. */
    lookupFirst: integer("lookup_first", { mode: "boolean" }).notNull().default(false),
    /** A failed Add QuickBooks refused as a name in use (3100): read its record of that name once, so it can be linked. */
    readName: integer("read_name", { mode: "boolean" }).notNull().default(false),
    attempts: integer("attempts").notNull().default(0),
    retries: integer("retries").notNull().default(0),
    statusCode: text("status_code"),
    statusMessage: text("status_message"),
    waitingReason: text("waiting_reason"),
    /** A candidate a sync policy holds back (its customer is not synced, its type is off): why, in a sentence. */
    blockedReason: text("blocked_reason"),
    /** The record that holds this one back (blocked or waiting), "<entityType>:<recordKey>", for the dependency view. */
    heldBy: text("held_by"),
    /** A match with several local records that may be QuickBooks' one: JSON [{localId, label, detail}]; the person picks one. */
    matchChoices: text("match_choices"),
    /** The Web Connector session that last sent it (qbwc_sessions.id). */
    sessionId: integer("session_id"),
    approvedBy: integer("approved_by"),
    approvedAt: integer("approved_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [
    uniqueIndex("sync_items_record").on(table.direction, table.entityType, table.recordKey),
    index("sync_items_state").on(table.state, table.direction, table.entityType),
    // The drain's queue: the next pending items of one type in id order are an index range, not a sort of all.
    index("sync_items_queue").on(table.state, table.lookupFirst, table.entityType, table.id),
    // Where a record stands (its page, its list row): its items in both directions, found by its local id.
    index("sync_items_local").on(table.entityType, table.localId),
  ],
);

/** The Sync Report: every attempt to sync a record, successful or not, kept for good. */
export const syncAttempts = sqliteTable(
  "sync_attempts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    sessionId: integer("session_id"),
    syncItemId: integer("sync_item_id").notNull(),
    direction: text("direction", { enum: ["import", "export"] }).notNull(),
    entityType: text("entity_type", { enum: SYNC_ENTITY_TYPES }).notNull(),
    localId: integer("local_id"),
    qbId: text("qb_id"),
    label: text("label").notNull(),
    action: text("action").notNull(),
    result: text("result", { enum: ["successful", "failed"] }).notNull(),
    statusCode: text("status_code"),
    statusMessage: text("status_message"),
    approvedBy: integer("approved_by"),
  },
  (table) => [index("sync_attempts_result").on(table.result, table.at), index("sync_attempts_item").on(table.syncItemId)],
);

/** Per QuickBooks list: the newest TimeModified seen by the last complete discovery, as QuickBooks wrote it. */
export const syncCheckpoints = sqliteTable("sync_checkpoints", {
  queryKey: text("query_key").primaryKey(),
  timeModified: text("time_modified").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/** The engine's progress within one Web Connector session, so any instance can answer the next call. */
export const syncRuns = sqliteTable("sync_runs", {
  sessionId: integer("session_id").primaryKey(),
  /** JSON RunState (server/sync/run-state.ts). */
  state: text("state").notNull(),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
});

/**
 * One row whose version rises with every change a page can show (records, sync items, links, the Sync Report, Web
 * Connector sessions, settings, users). Triggers bump it inside the writing transaction, whatever wrote, on any
 * instance, so open pages learn that something changed by reading one integer.
 */
export const liveVersion = sqliteTable("live_version", {
  id: integer("id").primaryKey(),
  version: integer("version").notNull(),
});

/** Who approved, dismissed, resynced or cleared what, and when. */
export const syncAudit = sqliteTable(
  "sync_audit",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
    userId: integer("user_id").notNull(),
    userName: text("user_name").notNull(),
    action: text("action", {
      enum: ["approve", "dismiss", "resync", "clear_id", "settings", "undo_import", "resolve", "dismiss_failure", "restore", "user"],
    }).notNull(),
    syncItemId: integer("sync_item_id"),
    entityType: text("entity_type"),
    localId: integer("local_id"),
    detail: text("detail"),
  },
  (table) => [index("sync_audit_at").on(table.at)],
);

/**
 * Undo last import: what each local record was just before a Web Connector run applied an approved import to it.
 * The imports one run applied are one batch; an admin can undo the latest (server/sync/undo-import.ts).
 */
export const importSnapshots = sqliteTable(
  "import_snapshots",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The Web Connector session (qbwc_sessions.id) that applied the import. */
    sessionId: integer("session_id").notNull(),
    syncItemId: integer("sync_item_id").notNull(),
    entityType: text("entity_type", { enum: SYNC_ENTITY_TYPES }).notNull(),
    /** Null when the import created the record: the record's id is then the one its Sync Report line holds. */
    localId: integer("local_id"),
    /** JSON of the local row as stored (column name → value), its child rows under "$children"; null when the import created it. */
    record: text("record"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    undoneAt: integer("undone_at", { mode: "timestamp_ms" }),
    undoneBy: integer("undone_by"),
  },
  (table) => [uniqueIndex("import_snapshots_item").on(table.sessionId, table.syncItemId)],
);
