import type { Metadata } from "next";
import { Suspense } from "react";
import { ContactList } from "@/components/contacts/contact-list";

export const metadata: Metadata = { title: "Customers" };

export default function CustomersPage() {
  return (
    <Suspense>
      <ContactList kind="customer" />
    </Suspense>
  );
}
