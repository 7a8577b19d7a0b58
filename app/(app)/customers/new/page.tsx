import type { Metadata } from "next";
import { ContactForm } from "@/components/contacts/contact-form";

export const metadata: Metadata = { title: "New customer" };

export default function NewCustomerPage() {
  return <ContactForm kind="customer" />;
}
