import type { Metadata } from "next";
import { Suspense } from "react";
import { InvoiceForm } from "@/components/invoices/invoice-form";

export const metadata: Metadata = { title: "New invoice" };

export default function NewInvoicePage() {
  return (
    <Suspense>
      <InvoiceForm />
    </Suspense>
  );
}
