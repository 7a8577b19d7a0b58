import type { Metadata } from "next";
import { Suspense } from "react";
import { PaymentList } from "@/components/payments/payment-list";

export const metadata: Metadata = { title: "Payments" };

export default function PaymentsPage() {
  return (
    <Suspense>
      <PaymentList />
    </Suspense>
  );
}
