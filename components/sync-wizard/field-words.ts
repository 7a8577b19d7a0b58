import type { FieldChange } from "@/server/sync/fingerprint";
import { formatCents } from "@/lib/money";
import { formatDate } from "@/components/ui/format";

type FieldValue = FieldChange["before"];

// The synced fields' keys (server/sync/entities) where splitting the camelCase would not read well.
const LABELS: Record<string, string> = {
  addr1: "Address line 1",
  addr2: "Address line 2",
  postalCode: "ZIP / postal code",
  companyName: "Company",
  salesPriceCents: "Sales price",
  txnDate: "Date",
  refNumber: "Reference number",
  applications: "Applied to",
  netDays: "Net days",
};
const MONEY = new Set(["salesPriceCents", "total", "amount"]);
const DATES = new Set(["txnDate", "dueDate", "expectedDate"]);

/** "billCity" → "Bill city"; the few odd keys have their own words. */
export function fieldLabel(field: string): string {
  if (LABELS[field]) return LABELS[field];
  // A mapped QuickBooks custom field carries the local name it was given in Settings.
  if (field.startsWith("custom:")) return `${field.slice("custom:".length)} (custom field)`;
  const words = field.replace(/([a-z])([A-Z])/g, "$1 $2").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A field's value as a person reads it: money with its symbol, dates spelled out, lines and payments listed. */
export function fieldValue(field: string, value: FieldValue): string {
  if (value === null) return "(empty)";
  if (typeof value === "boolean") return value ? "Yes" : "No";
  if (MONEY.has(field) && typeof value === "number") return formatCents(value);
  if (DATES.has(field) && typeof value === "string") return formatDate(value);
  // A purchase order's line also says how much QuickBooks has received of it.
  if (field === "lines")
    return listOf(value, (line) => `${line[2]} × ${line[0]} at ${money(line[3])}${line[5] ? ` (${line[5]} received)` : ""}`);
  if (field === "applications") return listOf(value, (application) => `Invoice ${application[0]}: ${money(application[1])}`);
  return String(value);
}

/** Transaction lines and payment applications are stored as JSON arrays of arrays (server/sync/entities). */
function listOf(value: string | number, line: (entry: unknown[]) => string): string {
  try {
    const entries = JSON.parse(String(value)) as unknown[][];
    return entries.length === 0 ? "(none)" : entries.map(line).join("; ");
  } catch {
    return String(value);
  }
}

function money(value: unknown): string {
  return typeof value === "number" ? formatCents(value) : String(value);
}
