"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";

export interface PageTab {
  href: string;
  label: string;
  /** Current on the pages below it too (a record's page, a guide entry). */
  nested?: boolean;
}

/** Sibling pages side by side as tabs (links), so each is one click from the others. */
export function PageTabs({ label, pages }: { label: string; pages: readonly PageTab[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label={label} className="mb-6 border-b border-slate-200">
      <ul className="-mb-px flex flex-wrap gap-x-1">
        {pages.map((page) => {
          const current = pathname === page.href || (page.nested === true && pathname.startsWith(`${page.href}/`));
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
