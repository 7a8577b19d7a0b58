import type { SYNC_ENTITY_TYPES } from "@/db/schema";

export type EntityType = (typeof SYNC_ENTITY_TYPES)[number];
export type SyncAction = "add" | "modify" | "delete" | "match";
export type SyncDirection = "import" | "export";

/** What each record type is called on screen, and where the record itself is shown. */
export const ENTITY_WORDS: Record<EntityType, { label: string; plural: string; page: (localId: number) => string }> = {
  customer: { label: "Customer", plural: "Customers", page: (id) => `/customers/${id}` },
  vendor: { label: "Vendor", plural: "Vendors", page: (id) => `/vendors/${id}` },
  item: { label: "Item", plural: "Items", page: (id) => `/items/${id}` },
  invoice: { label: "Invoice", plural: "Invoices", page: (id) => `/invoices/${id}` },
  payment: { label: "Payment", plural: "Payments", page: (id) => `/payments/${id}` },
  purchaseOrder: { label: "Purchase order", plural: "Purchase orders", page: (id) => `/purchase-orders/${id}` },
  bill: { label: "Bill", plural: "Bills", page: (id) => `/bills/${id}` },
  billPayment: { label: "Bill payment", plural: "Bill payments", page: (id) => `/bill-payments/${id}` },
  // Payment methods, terms and the sales tax lists are edited in place on the Lists page.
  paymentMethod: { label: "Payment method", plural: "Payment methods", page: () => "/lists" },
  terms: { label: "Terms", plural: "Terms", page: () => "/lists" },
  salesTaxCode: { label: "Sales tax code", plural: "Sales tax codes", page: () => "/lists" },
  salesTaxItem: { label: "Sales tax item", plural: "Sales tax items", page: () => "/lists" },
  salesTaxGroup: { label: "Sales tax group", plural: "Sales tax groups", page: () => "/lists" },
  // The chart of accounts is read from QuickBooks and shown on the Lists page.
  account: { label: "Account", plural: "Accounts", page: () => "/lists" },
};

export const ENTITY_TYPES = Object.keys(ENTITY_WORDS) as EntityType[];

export const ACTION_WORDS: Record<SyncAction, { label: string; className: string }> = {
  add: { label: "Add", className: "bg-emerald-50 text-emerald-800" },
  modify: { label: "Update", className: "bg-brand-50 text-brand-800" },
  delete: { label: "Delete", className: "bg-red-50 text-red-800" },
  // On both sides already, never linked: approving links them and takes QuickBooks' values.
  match: { label: "Match", className: "bg-amber-50 text-amber-900" },
};

export const DIRECTION_WORDS: Record<SyncDirection, string> = {
  import: "From QuickBooks",
  export: "To QuickBooks",
};

/** The page of the record a sync item is about, or null when it has no local record yet (a new import). */
export function recordPage(entityType: EntityType, localId: number | null): string | null {
  return localId === null ? null : ENTITY_WORDS[entityType].page(localId);
}

export function isEntityType(value: string | undefined): value is EntityType {
  return value !== undefined && Object.hasOwn(ENTITY_WORDS, value);
}
