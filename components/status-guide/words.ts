import type { StatusCodeGuidance } from "@/server/sync/status-codes";

export type GuideEntry = StatusCodeGuidance;

export const KIND_WORDS: Record<string, string> = {
  qbxml: "QuickBooks status code",
  hresult: "QuickBooks connection error (HRESULT)",
  qbwc: "Web Connector error",
};

export const SEVERITY_CLASSES: Record<string, string> = {
  Info: "bg-slate-100 text-slate-700",
  Warn: "bg-amber-50 text-amber-800",
  Error: "bg-red-50 text-red-800",
};

/** What Ledgerbridge does, or what to press, for each action of the table (server/sync/status-codes.tsv). */
export const ACTION_WORDS: Record<string, string> = {
  none: "Nothing to do in Ledgerbridge.",
  auto_retry: "Ledgerbridge tries again by itself on the next Web Connector runs.",
  resync: "Press Resync on the Unsynced Entities page.",
  clear_id: "If the record was deleted in QuickBooks, an admin presses Clear ID on the Unsynced Entities page, then Resync.",
  sync_parent_first: "Sync the record it refers to first (approve it in the Sync Wizard), then press Resync.",
  fix_then_resync: "Correct the record in Ledgerbridge, then press Resync.",
  rename_then_resync: "Give the record a name no other QuickBooks customer, vendor or employee uses, then press Resync.",
  requery_then_resync: "Look for the record in QuickBooks first; press Resync only if the change is not there.",
  contact_admin: "Ask your QuickBooks or Ledgerbridge admin.",
  check_web_connector: "Check the Web Connector and QuickBooks on the QuickBooks computer.",
};

export function guideHref(code: string): string {
  return `/guide/${encodeURIComponent(code)}`;
}
