import type { Metadata } from "next";
import { Suspense } from "react";
import { PaymentForm } from "@/components/payments/payment-form";

export const metadata: Metadata = { title: "New payment" };

export default function NewPaymentPage() {
  return (
    <Suspense>
      <PaymentForm />
    </Suspense>
  );
}
