import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditContact } from "@/components/contacts/contact-form";
import { HydrateClient, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Vendor" };

export default async function VendorPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  if (!(await prefetchRecord(trpc.vendors.get.queryOptions({ id })))) notFound();
  return (
    <HydrateClient>
      <Suspense>
        <EditContact kind="vendor" id={id} />
      </Suspense>
    </HydrateClient>
  );
}
