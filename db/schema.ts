import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

// Money is integer cents everywhere; dates a person picks are "YYYY-MM-DD" text; instants are epoch milliseconds.

const stamps = {
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
  updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull().default(sql`(unixepoch('subsec') * 1000)`),
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
    ...stamps,
  },
  (table) => [
    uniqueIndex("contacts_name_key").on(table.nameKey),
    index("contacts_kind_name").on(table.kind, table.name),
    index("contacts_kind_updated").on(table.kind, table.updatedAt),
  ],
);

export const items = sqliteTable(
  "items",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["service", "non_inventory"] }).notNull(),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    description: text("description"),
    salesPriceCents: integer("sales_price_cents"),
    incomeAccount: text("income_account").notNull(),
    taxable: integer("taxable", { mode: "boolean" }).notNull().default(false),
    active: integer("active", { mode: "boolean" }).notNull().default(true),
    ...stamps,
  },
  (table) => [uniqueIndex("items_name_key").on(table.nameKey)],
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
    status: text("status", { enum: ["draft", "final"] }).notNull().default("draft"),
    totalCents: integer("total_cents").notNull().default(0),
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
    ...stamps,
  },
  (table) => [index("payments_customer").on(table.customerId), index("payments_txn_date").on(table.txnDate)],
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
    uniqueIndex("qbwc_sessions_one_active").on(table.status).where(sql`status = 'active'`),
  ],
);

/** Failed Web Connector sign-ins per user name, so repeated guesses are slowed on every instance. */
export const qbwcAuthFailures = sqliteTable("qbwc_auth_failures", {
  usernameKey: text("username_key").primaryKey(),
  failures: integer("failures").notNull(),
  lastFailureAt: integer("last_failure_at", { mode: "timestamp_ms" }).notNull(),
});
