import type { Metadata } from "next";
import { Suspense } from "react";
import { ContactList } from "@/components/contacts/contact-list";

export const metadata: Metadata = { title: "Vendors" };

export default function VendorsPage() {
  return (
    <Suspense>
      <ContactList kind="vendor" />
    </Suspense>
  );
}
