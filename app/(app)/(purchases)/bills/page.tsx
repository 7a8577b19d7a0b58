import type { Metadata } from "next";
import { Suspense } from "react";
import { BillList } from "@/components/bills/bill-list";

export const metadata: Metadata = { title: "Bills" };

export default function BillsPage() {
  return (
    <Suspense>
      <BillList />
    </Suspense>
  );
}
