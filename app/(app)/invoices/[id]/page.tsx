import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditInvoice } from "@/components/invoices/invoice-form";
import { HydrateClient, prefetch, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Invoice" };

export default async function InvoicePage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const invoice = await prefetchRecord(trpc.invoices.get.queryOptions({ id }));
  if (!invoice) notFound();
  // The due date follows the terms' net days, so the form needs them from the start.
  if (invoice.termsId) prefetch(trpc.terms.get.queryOptions({ id: invoice.termsId }));
  return (
    <HydrateClient>
      <Suspense>
        <EditInvoice id={id} />
      </Suspense>
    </HydrateClient>
  );
}
