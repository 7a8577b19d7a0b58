// Which fields of customers, vendors and items the sync settings can leave out: the settings page lists them, the
// engine applies them (server/sync/field-mapping.ts).

export const MAPPED_TYPES = ["customer", "vendor", "item"] as const;
export type MappedType = (typeof MAPPED_TYPES)[number];

export interface SyncedField {
  key: string;
  label: string;
  /** The name (and an item's type) identify the record on both sides: it always syncs. */
  fixed?: true;
}

const CONTACT_FIELDS: readonly SyncedField[] = [
  { key: "name", label: "Name", fixed: true },
  { key: "companyName", label: "Company name" },
  { key: "firstName", label: "First name" },
  { key: "lastName", label: "Last name" },
  { key: "email", label: "Email" },
  { key: "phone", label: "Phone" },
  { key: "addr1", label: "Billing address line 1" },
  { key: "addr2", label: "Billing address line 2" },
  { key: "city", label: "City" },
  { key: "state", label: "State" },
  { key: "postalCode", label: "Postal code" },
  { key: "country", label: "Country" },
  { key: "notes", label: "Notes" },
  { key: "active", label: "Active" },
];

/** The standard synced fields of each type, in the order the adapters' fields() list them. */
export const SYNCED_FIELDS: Record<MappedType, readonly SyncedField[]> = {
  customer: [
    ...CONTACT_FIELDS,
    { key: "salesTaxCode", label: "Sales tax code" },
    { key: "salesTaxItem", label: "Sales tax item or group" },
  ],
  vendor: CONTACT_FIELDS,
  item: [
    { key: "kind", label: "Type (service or non-inventory)", fixed: true },
    { key: "name", label: "Name", fixed: true },
    { key: "category", label: "Category (the item it is a sub-item of)", fixed: true },
    { key: "description", label: "Description" },
    { key: "salesPriceCents", label: "Sales price" },
    { key: "incomeAccount", label: "Income account" },
    { key: "taxable", label: "Taxable" },
    { key: "active", label: "Active" },
  ],
};
