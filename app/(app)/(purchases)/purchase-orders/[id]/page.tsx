import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditPurchaseOrder } from "@/components/purchase-orders/purchase-order-form";
import { HydrateClient, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Purchase order" };

export default async function PurchaseOrderPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const order = await prefetchRecord(trpc.purchaseOrders.get.queryOptions({ id }));
  if (!order) notFound();
  return (
    <HydrateClient>
      <Suspense>
        <EditPurchaseOrder id={id} />
      </Suspense>
    </HydrateClient>
  );
}
