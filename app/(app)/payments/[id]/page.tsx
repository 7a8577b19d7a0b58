import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditPayment } from "@/components/payments/payment-form";
import { HydrateClient, prefetch, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Payment" };

export default async function PaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const payment = await prefetchRecord(trpc.payments.get.queryOptions({ id }));
  if (!payment) notFound();
  // The "Apply to invoices" table comes with the page instead of after it.
  prefetch(trpc.invoices.openForCustomer.queryOptions({ customerId: payment.customerId, exceptPaymentId: id }));
  return (
    <HydrateClient>
      <Suspense>
        <EditPayment id={id} />
      </Suspense>
    </HydrateClient>
  );
}
