import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditBillPayment } from "@/components/bill-payments/bill-payment-form";
import { HydrateClient, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Bill payment" };

export default async function BillPaymentPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const payment = await prefetchRecord(trpc.billPayments.get.queryOptions({ id }));
  if (!payment) notFound();
  return (
    <HydrateClient>
      <Suspense>
        <EditBillPayment id={id} />
      </Suspense>
    </HydrateClient>
  );
}
