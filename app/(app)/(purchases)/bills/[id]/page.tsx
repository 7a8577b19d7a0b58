import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditBill } from "@/components/bills/bill-form";
import { HydrateClient, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Bill" };

export default async function BillPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  const bill = await prefetchRecord(trpc.bills.get.queryOptions({ id }));
  if (!bill) notFound();
  return (
    <HydrateClient>
      <Suspense>
        <EditBill id={id} />
      </Suspense>
    </HydrateClient>
  );
}
