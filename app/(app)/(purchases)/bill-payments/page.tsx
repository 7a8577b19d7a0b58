import type { Metadata } from "next";
import { Suspense } from "react";
import { BillPaymentList } from "@/components/bill-payments/bill-payment-list";

export const metadata: Metadata = { title: "Bill payments" };

export default function BillPaymentsPage() {
  return (
    <Suspense>
      <BillPaymentList />
    </Suspense>
  );
}
