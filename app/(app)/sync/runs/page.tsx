import type { Metadata } from "next";
import { Suspense } from "react";
import { SyncRuns } from "@/components/sync-runs/sync-runs";

export const metadata: Metadata = { title: "Web Connector runs" };

export default function SyncRunsPage() {
  return (
    <Suspense>
      <SyncRuns />
    </Suspense>
  );
}
