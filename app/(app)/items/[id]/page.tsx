import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditItem } from "@/components/items/item-form";
import { HydrateClient, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Item" };

export default async function ItemPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  if (!(await prefetchRecord(trpc.items.get.queryOptions({ id })))) notFound();
  return (
    <HydrateClient>
      <Suspense>
        <EditItem id={id} />
      </Suspense>
    </HydrateClient>
  );
}
