import type { Metadata } from "next";
import { Suspense } from "react";
import { BillPaymentForm } from "@/components/bill-payments/bill-payment-form";

export const metadata: Metadata = { title: "New bill payment" };

export default function NewBillPaymentPage() {
  return (
    <Suspense>
      <BillPaymentForm />
    </Suspense>
  );
}
