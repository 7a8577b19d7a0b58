import { PageTabs } from "@/components/ui/page-tabs";

const PAGES = [
  { href: "/sync", label: "Sync Wizard" },
  { href: "/reports/sync", label: "Sync Report" },
  { href: "/sync/unsynced", label: "Unsynced Entities" },
  { href: "/sync/runs", label: "Web Connector runs" },
  { href: "/sync/audit", label: "Audit log" },
  { href: "/guide", label: "Status code guide", nested: true },
];

/** The pages of the daily sync routine, side by side, so each is one click from the others. */
export function SyncNav() {
  return <PageTabs label="Syncing" pages={PAGES} />;
}
