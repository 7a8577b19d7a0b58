import type { ReactNode } from "react";
import { PageTabs } from "@/components/ui/page-tabs";

const PURCHASES = [
  { href: "/purchase-orders", label: "Purchase orders", nested: true },
  { href: "/bills", label: "Bills", nested: true },
  { href: "/bill-payments", label: "Bill payments", nested: true },
];

/** Purchase orders, bills and bill payments: one Purchases entry in the header, and tabs between them here. */
export default function PurchasesLayout({ children }: { children: ReactNode }) {
  return (
    <>
      <PageTabs label="Purchases" pages={PURCHASES} />
      {children}
    </>
  );
}
