"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { SessionUser } from "@/lib/roles";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { PausedBanner, SyncIndicators } from "./sync-indicators";

/** `also`: other pages the link stands for (Purchases stands for bills and bill payments too). */
interface NavigationLink {
  href: string;
  label: string;
  also?: string[];
}

const NAVIGATION: NavigationLink[] = [
  { href: "/customers", label: "Customers" },
  { href: "/vendors", label: "Vendors" },
  { href: "/items", label: "Items" },
  { href: "/invoices", label: "Invoices" },
  { href: "/payments", label: "Payments" },
  // Purchase orders, bills and bill payments share one entry (and the tabs of app/(app)/(purchases)/layout.tsx).
  { href: "/purchase-orders", label: "Purchases", also: ["/bills", "/bill-payments"] },
  { href: "/lists", label: "Lists" },
  { href: "/reports/sync", label: "Reports" },
];

const ADMIN_NAVIGATION: NavigationLink[] = [
  { href: "/users", label: "Users" },
  { href: "/settings", label: "Settings" },
];

export function AppHeader({ user }: { user: SessionUser }) {
  const pathname = usePathname();
  const links = user.role === "admin" ? [...NAVIGATION, ...ADMIN_NAVIGATION] : NAVIGATION;
  return (
    <header className="border-b border-slate-200 bg-white">
      <div className="mx-auto flex h-14 max-w-7xl items-center gap-3 px-6">
        <Link href="/" className="text-base font-semibold tracking-tight text-brand-800">
          Ledgerbridge
        </Link>
        <nav aria-label="Main" className="flex flex-1 items-center gap-1 overflow-x-auto">
          {links.map((link) => {
            const current = [link.href, ...(link.also ?? [])].some((href) => pathname === href || pathname.startsWith(`${href}/`));
            return (
              <Link
                key={link.href}
                href={link.href}
                aria-current={current ? "page" : undefined}
                className={cn(
                  "rounded-md px-2 py-1.5 text-sm font-medium text-slate-600 hover:bg-slate-100 hover:text-slate-900",
                  current && "bg-brand-50 text-brand-800",
                )}
              >
                {link.label}
              </Link>
            );
          })}
        </nav>
        <div className="flex shrink-0 items-center gap-2 text-sm">
          <SyncIndicators />
          <span className="text-slate-600">
            {user.name} <span className="text-slate-400">({user.role})</span>
          </span>
          <Button
            variant="ghost"
            size="sm"
            onClick={async () => {
              // A full page load, so nothing the signed-in person's pages fetched stays in this tab for the next one.
              await signOut({ redirect: false });
              // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- the router would keep the cache
              window.location.assign("/login");
            }}
          >
            Sign out
          </Button>
        </div>
      </div>
      <PausedBanner />
    </header>
  );
}
