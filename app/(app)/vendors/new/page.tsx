import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";

export const metadata: Metadata = { title: "New vendor" };

export default function NewVendorPage() {
  return <ContactForm kind="vendor" />;
}
