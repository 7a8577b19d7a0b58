import type { ContactKind } from "@/server/records/contacts";

export const CONTACT_WORDS: Record<ContactKind, { singular: string; plural: string; path: string; description: string }> = {
  customer: {
    singular: "customer",
    plural: "Customers",
    path: "customers",
    description: "The people and businesses you invoice.",
  },
  vendor: {
    singular: "vendor",
    plural: "Vendors",
    path: "vendors",
    description: "The businesses you buy from.",
  },
};
