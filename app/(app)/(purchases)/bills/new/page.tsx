import type { Metadata } from "next";
import { Suspense } from "react";
import { BillForm } from "@/components/bills/bill-form";

export const metadata: Metadata = { title: "New bill" };

export default function NewBillPage() {
  return (
    <Suspense>
      <BillForm />
    </Suspense>
  );
}
