"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/components/ui/cn";

const PAGES = [
  { href: "/sync", label: "Sync Wizard" },
  { href: "/reports/sync", label: "Sync Report" },
  { href: "/sync/unsynced", label: "Unsynced Entities" },
  { href: "/sync/runs", label: "Web Connector runs" },
  { href: "/sync/audit", label: "Audit log" },
  { href: "/guide", label: "Status code guide" },
];

/** The pages of the daily sync routine, side by side, so each is one click from the others. */
export function SyncNav() {
  const pathname = usePathname();
  return (
    <nav aria-label="Syncing" className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {PAGES.map((page) => {
          const current = page.href === "/guide" ? pathname.startsWith("/guide") : pathname === page.href;
          return (
            <li key={page.href}>
              <Link
                href={page.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "inline-block border-b-2 border-transparent px-3 py-2 text-sm font-medium text-slate-600 hover:border-slate-300 hover:text-slate-900",
                  current && "border-brand-600 text-brand-800",
                )}
              >
                {page.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
