import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { Suspense } from "react";
import { EditContact } from "@/components/contacts/contact-form";
import { HydrateClient, prefetchRecord, trpc } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Customer" };

export default async function CustomerPage({ params }: { params: Promise<{ id: string }> }) {
  const id = Number((await params).id);
  if (!Number.isInteger(id) || id <= 0) notFound();
  if (!(await prefetchRecord(trpc.customers.get.queryOptions({ id })))) notFound();
  return (
    <HydrateClient>
      <Suspense>
        <EditContact kind="customer" id={id} />
      </Suspense>
    </HydrateClient>
  );
}
