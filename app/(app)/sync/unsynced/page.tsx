import type { Metadata } from "next";
import { Suspense } from "react";
import { UnsyncedList } from "@/components/unsynced/unsynced-list";
import { serverCaller } from "@/components/trpc/server";

export const metadata: Metadata = { title: "Unsynced Entities" };

export default async function UnsyncedEntitiesPage() {
  // Clear ID is refused to staff by the server anyway; the page only decides whether to offer it.
  const me = await (await serverCaller()).users.me().catch(() => null);
  return (
    <Suspense>
      <UnsyncedList canClearIds={me?.role === "admin"} />
    </Suspense>
  );
}
