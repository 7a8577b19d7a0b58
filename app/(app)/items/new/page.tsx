import type { Metadata } from "next";
import { Suspense } from "react";
import { ItemForm } from "@/components/items/item-form";

export const metadata: Metadata = { title: "New item" };

export default function NewItemPage() {
  return (
    <Suspense>
      <ItemForm />
    </Suspense>
  );
}
