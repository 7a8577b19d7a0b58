import type { Metadata } from "next";
import { Suspense } from "react";
import { PurchaseOrderForm } from "@/components/purchase-orders/purchase-order-form";

export const metadata: Metadata = { title: "New purchase order" };

export default function NewPurchaseOrderPage() {
  return (
    <Suspense>
      <PurchaseOrderForm />
    </Suspense>
  );
}
