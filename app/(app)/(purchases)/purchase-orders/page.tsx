import type { Metadata } from "next";
import { Suspense } from "react";
import { PurchaseOrderList } from "@/components/purchase-orders/purchase-order-list";

export const metadata: Metadata = { title: "Purchase orders" };

export default function PurchaseOrdersPage() {
  return (
    <Suspense>
      <PurchaseOrderList />
    </Suspense>
  );
}
