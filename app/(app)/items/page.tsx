import type { Metadata } from "next";
import { Suspense } from "react";
import { ItemList } from "@/components/items/item-list";

export const metadata: Metadata = { title: "Items" };

export default function ItemsPage() {
  return (
    <Suspense>
      <ItemList />
    </Suspense>
  );
}
